import Foundation
@testable import HotReload
import Testing
import TestSupport

/// The link helper of a running `vais-hot run` killed again and again: each
/// reload still lands; three times another helper starts, then links fork
/// vais-hot for good, and say so once.
@Suite("Link helper restarts under vais-hot run", .serialized,
       .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"))
struct LinkHelperRestartTests {
    /// The child of `parent` that leads its own process group: the link
    /// helper (its workers are its children, clang is not started).
    static func linkHelper(of parent: pid_t) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let afterName = stat.range(of: ") ", options: .backwards) else { continue }
            // After the command name: state, parent, process group.
            let fields = stat[afterName.upperBound...].split(separator: " ")
            if fields.count > 2, fields[0] != "Z", pid_t(fields[1]) == parent, pid_t(fields[2]) == pid { return pid }
        }
        return nil
    }

    @Test("a killed helper is replaced three times, then links fork vais-hot, and every edit lands", .timeLimit(.minutes(10)))
    func restartsUsedUp() throws {
        let scratch = try ScratchDirectory("link-helper-restarts")
        let (program, source) = try HotReloadRunTests.start(HotReloadRunTests.loopProgram(value: 0), in: scratch)
        #expect(program.waitForLine(containing: "value 0 version 1"), "\(program.stderr)")
        let host = program.process.processIdentifier
        for round in 1...(BackendLibrary.linkHelperRestarts + 2) {
            let helper = Self.linkHelper(of: host)
            if round <= BackendLibrary.linkHelperRestarts + 1 {
                let killed = try #require(helper, "round \(round): no link helper\n\(program.stderr)")
                kill(-killed, SIGKILL)
                // Reaped by vais-hot's next link; until then a zombie, which `linkHelper` skips.
                #expect(program.wait { _ in Self.linkHelper(of: host) != killed })
            } else {
                #expect(helper == nil, "links fork vais-hot now: no helper should run")
            }
            try source.write(HotReloadRunTests.loopProgram(value: round))
            #expect(program.waitForLine(containing: "value \(round) version \(round + 1)"),
                    "round \(round): the edit never showed up\n\(program.stderr)")
        }
        let notices = program.stderr.split(separator: "\n").filter { $0.contains("notice: the link helper") }
        #expect(notices.count == BackendLibrary.linkHelperRestarts + 1, "\(program.stderr)")
        #expect(notices.prefix(BackendLibrary.linkHelperRestarts).allSatisfy { $0.contains("; started another (pid ") }, "\(notices)")
        #expect(notices.last?.hasSuffix("; links fork vais-hot from now on") == true, "\(notices)")
        try source.write(HotReloadRunTests.loopProgram(value: 99, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0, "\(program.stderr)")
    }
}

import Foundation
import Testing
import TestSupport
@testable import HotReload

/// The link helper (Sources/VaisBackend/link_helper.cpp), the one every
/// test of this process links through. (A second copy of the library
/// would fork its own helper without taking turns with the first one's
/// code generation, which other tests run meanwhile: the helper could
/// inherit one of LLVM's locks held, and deadlock.)
@Suite("The link helper", .serialized, .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"))
struct LinkHelperTests {
    /// The shared library and an object to link, in a scratch folder.
    private struct Setup {
        let scratch: ScratchDirectory
        let library: BackendLibrary
        let object: String

        init(_ name: String) throws {
            scratch = try ScratchDirectory(name)
            library = try BackendLibrary.shared.get()
            object = scratch.path("part.o")
            let bytes = try library.emitObject(irText: "define i64 @answer() {\n  ret i64 42\n}\n", optimization: 0)
            try Data(bytes).write(to: URL(fileURLWithPath: object))
        }

        /// Links the object to `name`; the notice the link gave, if any.
        func link(to name: String, timeout: Double = Toolchain.defaultCompileTimeout) throws -> String? {
            try library.link(arguments: ["--threads=1"] + Toolchain.sharedObjectLinkArguments(object: object, output: scratch.path(name)),
                             timeout: timeout)
        }

        func helper() throws -> pid_t { try #require(library.linkHelperGroup) }
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !status.isEmpty && !status.contains(") Z ")
    }

    @Test("it leads its own process group, is this process's child and holds nothing but /dev/null, its socket and its worker's pipe")
    func holdsNothingOfTheHost() throws {
        let setup = try Setup("link-helper-descriptors")
        _ = try setup.link(to: "part.so")
        let helper = try setup.helper()
        #expect(getpgid(helper) == helper)
        let status = try String(contentsOfFile: "/proc/\(helper)/status", encoding: .utf8)
        #expect(status.contains("PPid:\t\(getpid())\n"))
        let folder = "/proc/\(helper)/fd"
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: folder).compactMap(Int.init).sorted()
        let targets = try descriptors.map { try FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)") }
        // Beyond 3, the pipe to its worker (both ends for a moment while it forks the next).
        #expect(descriptors.prefix(4) == [0, 1, 2, 3], "\(descriptors)")
        #expect(targets.prefix(3).allSatisfy { $0 == "/dev/null" } && targets[3].hasPrefix("socket:"), "\(targets)")
        #expect(targets.dropFirst(4).allSatisfy { $0.hasPrefix("pipe:") }, "\(targets)")
    }

    @Test("links one after another, past a worker's hundred, each to a loadable library")
    func manyLinks() throws {
        let setup = try Setup("link-helper-many")
        for index in 0..<120 {
            _ = try setup.link(to: "part\(index % 3).so")
        }
        let handle = try #require(dlopen(setup.scratch.path("part2.so"), RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let answer = unsafeBitCast(try #require(dlsym(handle, "answer")), to: (@convention(c) () -> Int64).self)
        #expect(answer() == 42)
    }

    @Test("a link past the time limit is stopped with its helper and fails naming the limit; another helper links the next")
    func timeLimit() throws {
        let setup = try Setup("link-helper-time-limit")
        let stoppedHelper = try setup.helper()
        // No time at all: the limit has passed when the job is sent, whatever the worker does.
        #expect {
            _ = try setup.link(to: "late.so", timeout: 0)
        } throws: { error in
            guard let stopped = error as? BackendLibrary.TimedOut else { return false }
            return stopped.seconds == 0
                && stopped.notice?.hasPrefix("the link helper (pid \(stoppedHelper)) was stopped with its worker: lld did not finish within") == true
        }
        #expect(!Self.isRunning(stoppedHelper))
        let started = try setup.helper()
        #expect(started != stoppedHelper && Self.isRunning(started))
        _ = try setup.link(to: "part.so")
        #expect(FileManager.default.fileExists(atPath: setup.scratch.path("part.so")))
    }

    @Test("a helper killed is replaced, saying so in one line, and the link it missed still succeeds")
    func killedHelperIsReplaced() throws {
        let setup = try Setup("link-helper-killed")
        let killed = try setup.helper()
        // Its group: a worker killed only by the helper's death (PR_SET_PDEATHSIG)
        // may still take one job in between, which is then linked as usual.
        kill(-killed, SIGKILL)
        let notice = try setup.link(to: "part.so")
        #expect(FileManager.default.fileExists(atPath: setup.scratch.path("part.so")))
        let started = try setup.helper()
        #expect(started != killed && Self.isRunning(started))
        // Another test's link may have come first and said it.
        if let notice {
            #expect(notice == "the link helper (pid \(killed)) was killed by signal 9; started another (pid \(started))")
        }
        #expect(try setup.link(to: "again.so") == nil)
    }
}

import Foundation
@testable import HotReload
import SystemProbes
import Testing

/// Under `run`, what a session remembers stays bounded however long it runs.
@Suite("Bounded history")
struct BoundedHistoryTests {
    @Test("a limited history keeps the newest failures and versions; no failure keeps a whole diagnostic listing")
    func versionHistory() {
        let history = VersionHistory(limit: 3)
        let listing = String(repeating: "game.vais:1:1: error[E001]: undefined name `x`\n", count: 20_000)
        for _ in 0..<10 { history.failed(.compileError, listing) }
        let failures = history.allFailures
        #expect(failures.count == 3)
        for failure in failures {
            #expect(failure.message.utf8.count < VersionHistory.messageLimit + 100)
            #expect(failure.message.hasPrefix("game.vais:1:1: error[E001]"))
            #expect(failure.message.hasSuffix("more bytes of this message not kept)"))
        }
        let handle = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
        defer { handle.deallocate() }
        for number in 1...10 {
            history.loaded(LoadedVersion(number: number, path: "libgame.v\(number).so", handle: handle, entryPoints: [:], traceEntryPoints: [:],
                                         traceSites: [:], traceHooks: nil, addressRange: 0..<0, bodyHashes: [:],
                                         timings: VersionLoader.Timings(), fileBytes: 0, sections: []))
        }
        #expect(history.allEntries.map(\.number) == [8, 9, 10])
    }

    @Test("an unlimited history, a profile's, keeps everything it reports")
    func unlimitedHistory() {
        let history = VersionHistory()
        for index in 0..<500 { history.failed(.compileError, "failure \(index)") }
        #expect(history.allFailures.count == 500)
    }

    @Test("a limited recorder keeps between the limit and twice it, the newest last")
    func recorder() {
        let recorder = Recorder(limit: 100)
        for index in 0..<1_000 {
            recorder.span("s\(index)", track: "t", start: 0, end: 1, version: nil)
            recorder.instant("i\(index)", track: "t", at: 0, version: nil)
            recorder.counter("rss", at: 0, value: Double(index))
        }
        let (spans, instants, counters) = recorder.snapshot()
        for count in [spans.count, instants.count, counters.count] { #expect((100..<200).contains(count)) }
        #expect(spans.last?.name == "s999")
        #expect(counters.last?.value == 999)
        #expect(Recorder().snapshot().spans.isEmpty)
    }
}

import Foundation
@testable import HotReload
import SystemProbes
import Testing
import TestSupport

@Suite("File watcher")
struct FileWatcherTests {
    /// Runs `edit` on its own thread after the watcher started waiting;
    /// returns whether a change was reported before `window` ran out. The
    /// edit and the stop run on dedicated threads, not the shared dispatch
    /// pool, which the test runner's parallel tests can keep busy for
    /// seconds; the wait ends as soon as a change is seen, so a generous
    /// window costs nothing when the watcher works.
    func sees(_ watcher: FileWatcher, within window: Duration = .seconds(20), after edit: @escaping @Sendable () throws -> Void) -> Bool {
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            try? edit()
        }
        Thread.detachNewThread {
            if finished.wait(timeout: .now() + .seconds(Int(window.components.seconds))) == .timedOut { watcher.stop() }
        }
        let seen = watcher.nextChange(clock: MonotonicClock.now) != nil
        finished.signal()
        return seen
    }

    @Test("in-place writes, renames into place, and delete-and-recreate are all seen")
    func savesAreSeen() throws {
        let scratch = try ScratchDirectory("watch")
        let directory = scratch.url.path
        let file = directory + "/game.vais"
        try "F main() -> i64 = 0".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 20)
        watcher.watch([file])
        #expect(sees(watcher) { try "F main() -> i64 = 1".write(toFile: file, atomically: false, encoding: .utf8) })
        #expect(sees(watcher) {
            try "F main() -> i64 = 2".write(toFile: file + ".swp", atomically: false, encoding: .utf8)
            rename(file + ".swp", file)
        })
        #expect(sees(watcher) {
            try FileManager.default.removeItem(atPath: file)
            try "F main() -> i64 = 3".write(toFile: file, atomically: false, encoding: .utf8)
        })
    }

    @Test("other files in the same folder are ignored")
    func otherFilesIgnored() throws {
        let scratch = try ScratchDirectory("watch")
        let directory = scratch.url.path
        let file = directory + "/game.vais"
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 20)
        watcher.watch([file])
        #expect(!sees(watcher, within: .seconds(1)) { try "x".write(toFile: directory + "/notes.txt", atomically: false, encoding: .utf8) })
    }

    @Test("a finished save ends the debounce early")
    func completedWriteEndsDebounce() throws {
        let scratch = try ScratchDirectory("watch")
        let directory = scratch.url.path
        let file = directory + "/game.vais"
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 120_000)
        watcher.watch([file])
        // Seen at all within the window means the two-minute debounce was not waited out.
        #expect(sees(watcher) { try "F main() -> i64 = 1".write(toFile: file, atomically: false, encoding: .utf8) })
    }
}

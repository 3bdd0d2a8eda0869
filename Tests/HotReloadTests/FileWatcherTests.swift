import Foundation
import Profiling
import Testing
@testable import HotReload

@Suite("File watcher")
struct FileWatcherTests {
    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vais-watch-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `edit` after the watcher started waiting; returns whether a
    /// change was reported within a second.
    private func sees(_ watcher: FileWatcher, after edit: @escaping @Sendable () throws -> Void) -> Bool {
        let stopper = DispatchWorkItem { watcher.stop() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { try? edit() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(1), execute: stopper)
        let seen = watcher.nextChange(clock: MonotonicClock.now) != nil
        stopper.cancel()
        return seen
    }

    @Test("in-place writes, renames into place, and delete-and-recreate are all seen")
    func savesAreSeen() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
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
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/game.vais"
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 20)
        watcher.watch([file])
        #expect(!sees(watcher) { try "x".write(toFile: directory + "/notes.txt", atomically: false, encoding: .utf8) })
    }

    @Test("a finished save ends the debounce early")
    func completedWriteEndsDebounce() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/game.vais"
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 5_000)
        watcher.watch([file])
        let start = Date()
        #expect(sees(watcher) { try "F main() -> i64 = 1".write(toFile: file, atomically: false, encoding: .utf8) })
        #expect(Date().timeIntervalSince(start) < 1, "the 5 s debounce should not be waited out after a close-write")
    }
}

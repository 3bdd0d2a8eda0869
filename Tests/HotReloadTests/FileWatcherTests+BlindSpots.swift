import Foundation
import Testing
import TestSupport
@testable import HotReload

/// What the watcher once missed without a word: links, replaced folders,
/// and a debounce that other files kept restarting.
extension FileWatcherTests {
    @Test("a source that is a link into another folder is seen when its target is written")
    func linkedSource() throws {
        let scratch = try ScratchDirectory("watch-link")
        try FileManager.default.createDirectory(atPath: scratch.path("real"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path("project"), withIntermediateDirectories: true)
        let target = scratch.path("real/game.vais")
        let link = scratch.path("project/game.vais")
        try "F main() -> i64 = 0".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../real/game.vais")
        let watcher = try FileWatcher(debounceMilliseconds: 20)
        watcher.watch([link])
        #expect(sees(watcher) { try "F main() -> i64 = 1".write(toFile: target, atomically: false, encoding: .utf8) })
    }

    /// `src/game.vais` in `scratch`, written and watched.
    private func watchedSource(in scratch: ScratchDirectory) throws -> (folder: String, file: String, watcher: FileWatcher) {
        let folder = scratch.path("src")
        let file = folder + "/game.vais"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "F main() -> i64 = 0".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 20)
        watcher.watch([file])
        return (folder, file, watcher)
    }

    @Test("a source folder removed and made again is watched again")
    func recreatedFolder() throws {
        let scratch = try ScratchDirectory("watch-rearm")
        let (folder, file, watcher) = try watchedSource(in: scratch)
        #expect(sees(watcher) { try FileManager.default.removeItem(atPath: folder) })
        #expect(sees(watcher) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "F main() -> i64 = 1".write(toFile: file, atomically: false, encoding: .utf8)
        })
        // Armed again, not just noticed once: a later in-place save is seen too.
        #expect(sees(watcher) { try "F main() -> i64 = 2".write(toFile: file, atomically: false, encoding: .utf8) })
    }

    @Test("a source folder moved away and replaced is watched under its name")
    func replacedFolder() throws {
        let scratch = try ScratchDirectory("watch-move")
        let (folder, file, watcher) = try watchedSource(in: scratch)
        let moved = scratch.path("src.old")
        #expect(sees(watcher) {
            try FileManager.default.moveItem(atPath: folder, toPath: moved)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "F main() -> i64 = 1".write(toFile: file, atomically: false, encoding: .utf8)
        })
        #expect(sees(watcher) { try "F main() -> i64 = 2".write(toFile: file, atomically: false, encoding: .utf8) })
        #expect(!sees(watcher, within: .seconds(1)) {
            try "F main() -> i64 = 3".write(toFile: moved + "/game.vais", atomically: false, encoding: .utf8)
        })
    }

    @Test("a deleted source is seen while another file of its folder is written faster than the debounce")
    func debounceIgnoresOtherFiles() throws {
        let scratch = try ScratchDirectory("watch-noise")
        let file = scratch.path("game.vais")
        let noise = scratch.path("editor.log")
        try "F main() -> i64 = 0".write(toFile: file, atomically: false, encoding: .utf8)
        let watcher = try FileWatcher(debounceMilliseconds: 300)
        watcher.watch([file])
        let noiseStopped = NoiseFlag()
        // Written every 20 ms, until the watcher answers (or the window ends).
        Thread.detachNewThread {
            while !noiseStopped.isSet {
                try? "line\n".write(toFile: noise, atomically: false, encoding: .utf8)
                usleep(20_000)
            }
        }
        defer { noiseStopped.set() }
        #expect(sees(watcher) { try FileManager.default.removeItem(atPath: file) })
    }
}

final class NoiseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

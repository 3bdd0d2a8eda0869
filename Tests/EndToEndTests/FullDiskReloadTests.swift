import Foundation
import Testing
import TestSupport

/// A reload on a disk that has filled up since start-up: the program goes
/// on with the version it has, the failure is one line naming the cause,
/// and once there is room again the next save loads.
@Suite("A full disk under a running program", .serialized)
struct FullDiskReloadTests {
    static func program(_ word: String) -> String {
        """
        U std/hot
        G counter: i64 = 0

        #[hot]
        F update() -> i64 {
            counter += 1
            printf("\(word) %ld\\n", counter)
            usleep(5000)
            0
        }

        F main() -> i64 {
            hot_init("game.vais")
            hot_loop(update)
        }
        """
    }

    @Test("no space left for a reload's build: one line, the old version runs on, the next save after freeing space loads",
          .timeLimit(.minutes(10)),
          .enabled(if: FileSystemMessageTests.canMountPrivately, "needs `unshare -rm` (user and mount namespaces) to mount a tiny tmpfs"))
    func reloadOnFullDisk() throws {
        let scratch = try ScratchDirectory("full-disk")
        let source = scratch.path("game.vais")
        try Self.program("before").write(toFile: source, atomically: false, encoding: .utf8)
        let tiny = scratch.path("tiny")
        try FileManager.default.createDirectory(atPath: tiny, withIntermediateDirectories: true)
        // unshare execs: the process is vais-hot itself, in a mount namespace
        // where `tiny` is a 2 MB tmpfs that holds its builds.
        let script = "mount -t tmpfs -o size=2m tmpfs \"$1\" || exit 99; shift; exec \"$@\""
        let program = try LiveProgram(executable: "/usr/bin/unshare", arguments: [
            "-rm", "/bin/sh", "-c", script, "sh", tiny,
            Repository.executable, "run", source, "--std", Repository.standardLibrary, "--build-dir", tiny + "/build", "--debounce-ms", "20",
        ], directory: scratch.url)
        defer { program.stop() }
        #expect(program.waitForLine(containing: "before 2"), "\(program.stderr)")

        // The tmpfs as the program sees it, from outside its namespace.
        let filler = "/proc/\(program.process.processIdentifier)/root\(tiny)/filler"
        let chunk = Data(count: 64 * 1024)
        #expect(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()

        try Self.program("after").write(toFile: source, atomically: false, encoding: .utf8)
        #expect(program.waitForStderr(containing: "No space left on device"), "\(program.stderr)")
        let failure = program.stderr.split(separator: "\n").filter { $0.contains("No space left on device") }
        #expect(failure.count == 1, "\(program.stderr)")
        #expect(!program.stderr.contains("NSCocoaErrorDomain"), "\(program.stderr)")
        let ticks = program.lines.count
        #expect(program.wait { $0.lines.count > ticks + 5 }, "the program runs on")
        #expect(!program.lines.contains { $0.hasPrefix("after") })

        try FileManager.default.removeItem(atPath: filler)
        try Self.program("after").write(toFile: source, atomically: false, encoding: .utf8)
        #expect(program.waitForLine(containing: "after"), "\(program.stderr)")
        #expect(program.process.isRunning)
    }
}

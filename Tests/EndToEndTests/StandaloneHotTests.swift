import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot build --hot` executables and `vais-hot watch`.
@Suite("Standalone hot builds and watch", .serialized)
struct StandaloneHotTests {
    static func program(value: Int, stop: Bool = false) -> String {
        """
        U std/hot
        G counter: i64 = 0

        #[hot]
        F update() -> i64 {
            counter += 1
            printf("tick %ld value \(value) version %ld\\n", counter, hot_version())
            usleep(5000)
            \(stop ? "R 4" : "0")
        }

        F main() -> i64 {
            printf("init %ld\\n", hot_init("game.vais"))
            hot_loop(update)
        }
        """
    }

    @Test("./NAME built with build --hot reloads on its own", .timeLimit(.minutes(10)))
    func executableReloadsItself() throws {
        let scratch = try ScratchDirectory("standalone")
        let source = EditableSource(path: scratch.path("game.vais"))
        try source.write(Self.program(value: 1))
        let build = try ProcessRunner.run(Repository.executable, ["build", "--hot", source.path, "-o", scratch.path("game"),
                                                                 "--std", Repository.standardLibrary])
        #expect(build.exitStatus == 0, "\(build.output)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("libgame.so")))
        let game = try LiveProgram(executable: scratch.path("game"), arguments: [], directory: scratch.url)
        #expect(game.waitForLine(containing: "init 0"))
        #expect(game.waitForLine(containing: "value 1 version 1"))
        try source.write(Self.program(value: 2))
        #expect(game.waitForLine(containing: "value 2 version 2"), "\(game.stderr)")
        try source.write(Self.program(value: 3, stop: true))
        #expect(game.waitForExit() == 4)
        #expect(game.stderr.contains("[vais-hot] v3 live"))
        // The private build directory is gone after a normal exit.
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path(".vais-hot"))) ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("watch rebuilds on every change and restarts the --exec command", .timeLimit(.minutes(10)))
    func watchRestarts() throws {
        let scratch = try ScratchDirectory("watch")
        let source = EditableSource(path: scratch.path("tool.vais"))
        func tool(_ value: Int) -> String {
            "F main() -> i64 {\n    printf(\"tool says \(value)\\n\")\n    0\n}\n"
        }
        try source.write(tool(1))
        let watch = try LiveProgram(executable: Repository.executable,
                                    arguments: ["watch", source.path, "-o", scratch.path("tool"), "--exec", scratch.path("tool"),
                                                "--debounce-ms", "20"],
                                    directory: scratch.url)
        #expect(watch.waitForLine(containing: "tool says 1"))
        try source.write(tool(2))
        #expect(watch.waitForLine(containing: "tool says 2"))
        try source.write("F main() -> i64 { nope }\n")
        #expect(watch.waitForStderr(containing: "build failed; keeping the last good build"))
        #expect(watch.stderr.contains("error[E001]"))
        watch.stop()
    }
}

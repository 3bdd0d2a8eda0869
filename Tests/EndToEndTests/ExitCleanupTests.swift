import Foundation
import HotReload
import Testing
import TestSupport

/// However a hot program ends (a signal to vais-hot, `exit()` in the
/// program, a signal to a `build --hot` executable), its private build
/// directory goes with it.
@Suite("Clean-up on every way out", .serialized)
struct ExitCleanupTests {
    /// Ticks until `exitAt` (then calls `exit(3)`), or for about an hour.
    static func program(exitAt: Int = 1_000_000) -> String {
        """
        U std/hot
        G counter: i64 = 0

        #[hot]
        F update() -> i64 {
            counter += 1
            printf("tick %ld\\n", counter)
            usleep(5000)
            I counter == \(exitAt) { exit(3) }
            0
        }

        F main() -> i64 {
            hot_init("game.vais")
            hot_loop(update)
        }
        """
    }

    private func entries(_ folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    private func run(_ source: String, in scratch: ScratchDirectory, prefix: [String] = []) throws -> LiveProgram {
        try source.write(toFile: scratch.path("game.vais"), atomically: false, encoding: .utf8)
        let arguments = ["run", scratch.path("game.vais"), "--std", Repository.standardLibrary, "--build-dir", scratch.path("build"),
                         "--debounce-ms", "20"]
        if prefix.isEmpty {
            return try LiveProgram(executable: Repository.executable, arguments: arguments, directory: scratch.url)
        }
        return try LiveProgram(executable: "/usr/bin/env", arguments: prefix + [Repository.executable] + arguments, directory: scratch.url)
    }

    @Test("SIGTERM while clang builds a reload stops clang too", .timeLimit(.minutes(10)))
    func signalDuringCompile() throws {
        let scratch = try ScratchDirectory("cleanup-clang")
        // The real clang until the file `hang` appears, then one that never returns.
        let clang = scratch.path("clang")
        let script = "#!/bin/sh\nif [ -e \(scratch.path("hang")) ]; then echo $$ > \(scratch.path("clang.pid")); exec sleep 1000; fi\n"
            + "exec \(try Toolchain.locate().clang) \"$@\"\n"
        // Written close-on-exec, so that no child spawned meanwhile holds it open (ETXTBSY).
        let descriptor = open(clang, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        #expect(descriptor >= 0)
        #expect(write(descriptor, script, script.utf8.count) == script.utf8.count)
        close(descriptor)
        let program = try run(Self.program(), in: scratch, prefix: ["VAIS_CLANG=\(clang)", "VAIS_BACKEND=clang"])
        #expect(program.waitForLine(containing: "tick 2"), "\(program.stderr)")
        #expect(FileManager.default.createFile(atPath: scratch.path("hang"), contents: nil))
        try Self.program(exitAt: 2_000_000).write(toFile: scratch.path("game.vais"), atomically: false, encoding: .utf8)
        #expect(program.wait { _ in FileManager.default.fileExists(atPath: scratch.path("clang.pid")) })
        let hung = try #require(pid_t((try? String(contentsOfFile: scratch.path("clang.pid"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        kill(program.process.processIdentifier, SIGTERM)
        #expect(program.wait { !$0.process.isRunning })
        #expect(ProcessEnd.hasEnded(hung))
        #expect(entries(scratch.path("build")).isEmpty, "\(entries(scratch.path("build")))")
    }

    @Test("SIGINT, SIGTERM or SIGHUP to vais-hot run removes the build directory, and the signal still ends it",
          .timeLimit(.minutes(10)), arguments: [SIGINT, SIGTERM, SIGHUP])
    func signalToRun(_ signal: Int32) throws {
        let scratch = try ScratchDirectory("cleanup-signal")
        let program = try run(Self.program(), in: scratch)
        #expect(program.waitForLine(containing: "tick 2"), "\(program.stderr)")
        #expect(entries(scratch.path("build")).count == 1)
        kill(program.process.processIdentifier, signal)
        #expect(program.wait { !$0.process.isRunning })
        #expect(program.process.terminationReason == .uncaughtSignal && program.process.terminationStatus == signal)
        #expect(entries(scratch.path("build")).isEmpty, "\(entries(scratch.path("build")))")
    }

    @Test("exit() in a hot function removes the build directory", .timeLimit(.minutes(10)))
    func exitInProgram() throws {
        let scratch = try ScratchDirectory("cleanup-exit")
        let program = try run(Self.program(exitAt: 3), in: scratch)
        #expect(program.wait { !$0.process.isRunning })
        #expect(program.process.terminationStatus == 3, "\(program.stderr)")
        #expect(program.lines.contains("tick 3"))
        #expect(entries(scratch.path("build")).isEmpty, "\(entries(scratch.path("build")))")
    }

    @Test("SIGTERM to a build --hot executable removes its build directory", .timeLimit(.minutes(10)))
    func signalToStandalone() throws {
        let scratch = try ScratchDirectory("cleanup-standalone")
        try Self.program().write(toFile: scratch.path("game.vais"), atomically: false, encoding: .utf8)
        let build = try ProcessRunner.run(Repository.executable, ["build", "--hot", scratch.path("game.vais"), "-o", scratch.path("game"),
                                                                 "--std", Repository.standardLibrary])
        #expect(build.exitStatus == 0, "\(build.output)")
        let game = try LiveProgram(executable: scratch.path("game"), arguments: [], directory: scratch.url)
        #expect(game.waitForLine(containing: "tick 2"), "\(game.stderr)")
        #expect(entries(scratch.path(".vais-hot")).count == 1)
        kill(game.process.processIdentifier, SIGTERM)
        #expect(game.wait { !$0.process.isRunning })
        #expect(game.process.terminationReason == .uncaughtSignal && game.process.terminationStatus == SIGTERM)
        #expect(entries(scratch.path(".vais-hot")).isEmpty, "\(entries(scratch.path(".vais-hot")))")
    }

    @Test("a crash in vais-hot's own code (no guard to catch it) still removes the build directory before the process dies",
          .timeLimit(.minutes(10)), arguments: [SIGSEGV, SIGABRT])
    func crashOutsideGuard(_ signal: Int32) throws {
        let scratch = try ScratchDirectory("cleanup-crash")
        let program = try run(Self.program(), in: scratch)
        #expect(program.waitForLine(containing: "tick 2"), "\(program.stderr)")
        #expect(entries(scratch.path("build")).count == 1)
        // The watcher thread runs no program code, so no guard is active
        // there: the signal stands for a fault in vais-hot itself.
        let pid = program.process.processIdentifier
        let watcher = try #require(Self.thread(named: "hot-watcher", of: pid))
        #expect(Self.tgkill(pid, watcher, signal) == 0)
        // The Swift runtime's backtrace of every thread comes first, slow on a loaded machine.
        try #require(program.wait(seconds: 120) { !$0.process.isRunning })
        #expect(program.process.terminationReason == .uncaughtSignal && program.process.terminationStatus == signal,
                "\(program.process.terminationStatus) \(program.stderr)")
        #expect(entries(scratch.path("build")).isEmpty, "\(entries(scratch.path("build")))")
    }

    /// tgkill(2), a signal to one thread: Glibc has it, its Swift module does not declare it.
    private static let tgkill = unsafeBitCast(dlsym(nil, "tgkill"), to: (@convention(c) (pid_t, pid_t, Int32) -> Int32).self)

    private static func thread(named name: String, of pid: pid_t) -> pid_t? {
        let tasks = "/proc/\(pid)/task"
        for task in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
            let comm = try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)
            if comm?.trimmingCharacters(in: .newlines) == name { return pid_t(task) }
        }
        return nil
    }

    @Test("what a run killed by SIGKILL leaves, the next run in the same folder sweeps away", .timeLimit(.minutes(10)))
    func killedRunSweptByNext() throws {
        let scratch = try ScratchDirectory("cleanup-kill")
        let killed = try run(Self.program(), in: scratch)
        #expect(killed.waitForLine(containing: "tick 2"), "\(killed.stderr)")
        kill(killed.process.processIdentifier, SIGKILL)
        #expect(killed.wait { !$0.process.isRunning })
        let leftover = entries(scratch.path("build"))
        #expect(leftover.count == 1, "SIGKILL cannot be caught: \(leftover)")
        // Past the grace a directory just made gets before it is taken for abandoned.
        sleep(UInt32(PrivateDirectory.sweepGraceSeconds + 1))
        let next = try run(Self.program(), in: scratch)
        #expect(next.waitForLine(containing: "tick 2"), "\(next.stderr)")
        let now = entries(scratch.path("build"))
        #expect(now.count == 1 && now != leftover, "\(leftover) then \(now)")
        kill(next.process.processIdentifier, SIGTERM)
        #expect(next.wait { !$0.process.isRunning })
        #expect(entries(scratch.path("build")).isEmpty)
    }
}

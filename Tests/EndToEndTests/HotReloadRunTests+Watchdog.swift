import Foundation
import Testing
import TestSupport

/// Hot code that never returns, and `abort()` in a hot function.
extension HotReloadRunTests {
    @Test("a hot_loop iteration that never returns is interrupted once a fix is ready, and the loop goes on with it", .timeLimit(.minutes(10)))
    func endlessIterationInterrupted() throws {
        let scratch = try ScratchDirectory("run-endless")
        let (program, source) = try Self.start(Self.loopProgram(value: 1), in: scratch, options: ["--watchdog-seconds", "0.5"])
        #expect(program.waitForLine(containing: "value 1 version 1"))
        try source.write(Self.loopProgram(value: 2, extra: "L { counter += 1 }"))
        #expect(program.waitForStderr(containing: "v2 live"), "\(program.stderr)")
        try source.write(Self.loopProgram(value: 3, stopAt: "counter > 0"))
        #expect(program.waitForStderr(containing: "its hot_loop iteration was interrupted and the loop goes on with v3"), "\(program.stderr)")
        #expect(program.waitForExit() == 0, "\(program.stderr)")
        #expect(program.lines.contains { $0.contains("value 3 version 3") })
        #expect(program.lines.last == "finished 9 counter-positive 1")
    }

    @Test("hot code that never returns outside hot_loop is reported once, naming both versions", .timeLimit(.minutes(10)))
    func endlessCallReported() throws {
        let scratch = try ScratchDirectory("run-endless-check")
        func program(_ value: Int, extra: String = "") -> String {
            """
            U std/hot
            G frame: i64 = 0
            #[hot]
            F step() -> i64 {
                frame += 1
                \(extra)
                printf("frame %ld value \(value)\\n", frame)
                0
            }
            F main() -> i64 {
                L frame < 100000000 {
                    hot_check()
                    step()
                    usleep(5000)
                }
                0
            }
            """
        }
        let (live, source) = try Self.start(program(1), in: scratch, options: ["--watchdog-seconds", "0.3"])
        #expect(live.waitForLine(containing: "value 1"))
        try source.write(program(2, extra: "L { frame += 1 }"))
        #expect(live.waitForStderr(containing: "v2 live"), "\(live.stderr)")
        try source.write(program(3))
        let report = "hot code of v2 has run"
        #expect(live.waitForStderr(containing: report), "\(live.stderr)")
        #expect(live.stderr.contains("past v3 being ready without returning; only a program that runs it through hot_loop can be interrupted"))
        // Several more watchdog periods: still told once.
        usleep(1_000_000)
        #expect(live.stderr.components(separatedBy: report).count == 2, "\(live.stderr)")
        live.stop()
    }

    @Test("a program that never calls hot_check, stuck in an older version's call, is reported once", .timeLimit(.minutes(10)))
    func endlessUnmanagedCallReported() throws {
        let scratch = try ScratchDirectory("run-endless-unmanaged")
        func program(_ step: String) -> String {
            """
            N "C" { F fflush(stream: *i8) -> i32 }
            G frame: i64 = 0
            #[hot]
            F step() -> i64 {
                \(step)
                0
            }
            F main() -> i64 {
                puts("started")
                fflush(0 as *i8)
                L frame < 1000000000 {
                    step()
                    usleep(1000)
                }
                0
            }
            """
        }
        let (live, source) = try Self.start(program("frame += 1"), in: scratch, options: ["--watchdog-seconds", "0.3"])
        // main runs once the source is watched.
        #expect(live.waitForLine(containing: "started"), "\(live.stderr)")
        try source.write(program("frame += 1\n    L { frame += 1 }"))
        #expect(live.waitForStderr(containing: "v2 live"), "\(live.stderr)")
        try source.write(program("frame += 2"))
        let report = "hot code of v2 has run"
        #expect(live.waitForStderr(containing: report), "\(live.stderr)")
        #expect(live.stderr.contains("past v3 being ready without returning"))
        usleep(1_000_000)
        #expect(live.stderr.components(separatedBy: report).count == 2, "\(live.stderr)")
        live.stop()
    }

    @Test("abort() in a hot function rolls back like a crash instead of ending the program", .timeLimit(.minutes(10)))
    func abortRollsBack() throws {
        let scratch = try ScratchDirectory("run-abort")
        let declaration = "N \"C\" { F abort() }\n"
        let (program, source) = try Self.start(declaration + Self.loopProgram(value: 1), in: scratch)
        #expect(program.waitForLine(containing: "value 1 version 1"))
        try source.write(declaration + Self.loopProgram(value: 2, extra: "abort()"))
        #expect(program.waitForStderr(containing: "v2 crashed: SIGABRT (abort) (raised in C code)"), "\(program.stderr)")
        #expect(program.waitForStderr(containing: "rolled back to v1"), "\(program.stderr)")
        try source.write(declaration + Self.loopProgram(value: 3, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0, "\(program.stderr)")
        #expect(program.lines.last == "finished 9 counter-positive 1")
        #expect(!program.stderr.contains("Crash"), "\(program.stderr)")
    }
}

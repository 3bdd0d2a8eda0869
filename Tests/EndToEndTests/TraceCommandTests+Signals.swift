import Foundation
import Testing
import TestSupport

extension TraceCommandTests {
    /// Calls a hot function forever, printing a line now and then (flushed:
    /// its stdout is a pipe).
    static let endlessProgram = """
    N "C" { F fflush(stream: *i8) -> i32 }
    #[hot]
    F tick(n: i64) -> i64 = n + 1
    F main() -> i64 {
        n := mut 0
        L {
            n = tick(n)
            I n % 100 == 1 {
                printf("tick %ld\\n", n)
                fflush(0 as *i8)
            }
            usleep(1000)
        }
        0
    }
    """

    @Test("SIGTERM or SIGINT to trace writes the trace, then ends it by that signal (a shell sees 143 or 130)",
          .timeLimit(.minutes(10)), arguments: [SIGTERM, SIGINT])
    func signalEndsTrace(_ signal: Int32) throws {
        let scratch = try ScratchDirectory("trace-signal")
        let source = scratch.path("endless.vais")
        try Self.endlessProgram.write(toFile: source, atomically: false, encoding: .utf8)
        let out = scratch.path("out")
        let trace = try LiveProgram(executable: Repository.executable, arguments: ["trace", source, "--out", out, "--build-dir", scratch.path("build")],
                                    directory: scratch.url)
        #expect(trace.waitForLine(containing: "tick 101"), "\(trace.stderr)")
        kill(trace.process.processIdentifier, signal)
        #expect(trace.wait { !$0.process.isRunning })
        #expect(trace.process.terminationReason == .uncaughtSignal && trace.process.terminationStatus == signal,
                "ended with \(trace.process.terminationReason == .exit ? "exit status" : "signal") \(trace.process.terminationStatus)")
        #expect(FileManager.default.fileExists(atPath: out + "/trace.html"))
    }
}

import Foundation
import Testing
import TestSupport

/// `vais-hot run` with real programs edited while they run.
@Suite("Hot reload under vais-hot run", .serialized)
struct HotReloadRunTests {
    /// A program driven by `hot_loop`, printing one line per tick. `value`
    /// is the constant the test edits; `extra` is a statement spliced into
    /// the hot function.
    static func loopProgram(value: Int, extra: String = "", stopAt: String = "counter > 1000000") -> String {
        """
        U std/hot
        S State { frame: i64, score: i64 }
        G counter: i64 = 0
        G callbacks: i64 = 0

        F on_reload(version: i64) {
            callbacks += 1
            printf("callback version %ld count %ld\\n", version, callbacks)
        }

        #[hot]
        F update() -> i64 {
            counter += 1
            \(extra)
            printf("tick %ld value \(value) version %ld\\n", counter, hot_version())
            usleep(5000)
            I \(stopAt) { R 9 }
            0
        }

        F main() -> i64 {
            registered := hot_on_reload(on_reload)
            printf("registered %ld first check %ld version %ld\\n", registered, hot_check(), hot_version())
            result := hot_loop(update)
            printf("finished %ld counter-positive %ld\\n", result, counter > 0 ? 1 : 0)
            0
        }
        """
    }

    static func start(_ source: String, name: String = "game", in scratch: ScratchDirectory,
                      options: [String] = []) throws -> (LiveProgram, EditableSource) {
        let editable = EditableSource(path: scratch.path("\(name).vais"))
        try editable.write(source)
        let program = try LiveProgram(executable: Repository.executable,
                                      arguments: ["run", editable.path, "--debounce-ms", "20", "--std", Repository.standardLibrary,
                                                  "--build-dir", scratch.path("build")] + options,
                                      directory: scratch.url)
        return (program, editable)
    }

    /// The counter printed on the last `tick` line with a given value.
    static func ticks(_ program: LiveProgram, value: Int) -> [Int] {
        program.lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count >= 4, parts[0] == "tick", parts[3] == Substring(String(value)) else { return nil }
            return Int(parts[1])
        }
    }

    @Test("an edit shows up, state survives ten reloads, and the runtime API answers as VAIS.md says", .timeLimit(.minutes(10)))
    func editsAndState() throws {
        let scratch = try ScratchDirectory("run-edits")
        let (program, source) = try Self.start(Self.loopProgram(value: 0), in: scratch)
        #expect(program.waitForLine(containing: "registered 0 first check 0 version 1"))
        for value in 1...10 {
            #expect(program.waitForLine(containing: "value \(value - 1) version \(value)"), "v\(value) never ran")
            try source.write(Self.loopProgram(value: value))
            #expect(program.waitForLine(containing: "value \(value) version \(value + 1)"), "edit \(value) never showed up\n\(program.stderr)")
        }
        try source.write(Self.loopProgram(value: 11, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0)
        // The global counter kept counting through every version.
        var previous = 0
        for value in 0...10 {
            let counts = Self.ticks(program, value: value)
            #expect(!counts.isEmpty)
            if let first = counts.first { #expect(first > previous) }
            previous = counts.last ?? previous
        }
        for version in 2...12 {
            #expect(program.lines.contains("callback version \(version) count \(version - 1)"))
        }
        #expect(program.lines.last == "finished 9 counter-positive 1")
        #expect(program.stderr.contains("[vais-hot] v12 live"))
        #expect(program.stderr.contains("(changed: update)"))
    }

    @Test("bad edits are refused with the right message while the program goes on", .timeLimit(.minutes(10)))
    func badEdits() throws {
        let scratch = try ScratchDirectory("run-bad")
        let (program, source) = try Self.start(Self.loopProgram(value: 1), in: scratch)
        #expect(program.waitForLine(containing: "value 1 version 1"))

        try source.write(Self.loopProgram(value: 2, extra: "x := ;"))
        #expect(program.waitForStderr(containing: "error[P011]"))
        #expect(program.stderr.contains("edit not applied; the program keeps running its current version"))

        let layoutChange = Self.loopProgram(value: 3).replacingOccurrences(of: "score: i64 }", with: "score: i64, bonus: f64 }")
        try source.write(layoutChange)
        #expect(program.waitForStderr(containing: "struct `State` changed its layout: `bonus` was added"))

        // A new hot function is accepted (it lives in the hot part); a new global is not: globals live in the running host.
        let newGlobal = Self.loopProgram(value: 4).replacingOccurrences(of: "F on_reload(version: i64) {", with: """
        G extra: i64 = 1
        F on_reload(version: i64) {
        """)
        try source.write(newGlobal)
        #expect(program.waitForStderr(containing: "global `extra` is new"))

        let countBefore = program.lines.count
        #expect(program.wait { $0.lines.count > countBefore + 5 }, "the program stopped after the bad edits")
        #expect(!program.lines.contains { $0.contains("value 2") || $0.contains("value 3") || $0.contains("value 4") })
        try source.write(Self.loopProgram(value: 5, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0, "\(program.stderr)")
        #expect(program.lines.contains { $0.contains("value 5 version 2") })
    }

    @Test("a hot function that changes its signature is refused, naming it", .timeLimit(.minutes(10)))
    func signatureChange() throws {
        let scratch = try ScratchDirectory("run-signature")
        func program(_ returnType: String, _ value: Int, stop: Bool = false) -> String {
            """
            S State { frame: i64 }
            #[hot]
            F step(s: *State) -> \(returnType) {
                s.frame += 1
                printf("frame %ld value \(value)\\n", s.frame)
                0
            }
            F main() -> i64 {
                s := mut State { frame: 0 }
                L s.frame < \(stop ? 0 : 100000) {
                    step(&s)
                    usleep(5000)
                }
                0
            }
            """
        }
        let (live, source) = try Self.start(program("i64", 1), in: scratch)
        #expect(live.waitForLine(containing: "value 1"))
        try source.write(program("i32", 2))
        #expect(live.waitForStderr(containing: "hot function `step` changed its signature from (*State) -> i64 to (*State) -> i32"))
        try source.write(program("i64", 3))
        #expect(live.waitForLine(containing: "value 3"))
        live.stop()
    }

    @Test("a hot function that crashes after an edit is rolled back and the program finishes", .timeLimit(.minutes(10)))
    func crashRollsBack() throws {
        let scratch = try ScratchDirectory("run-crash")
        let (program, source) = try Self.start(Self.loopProgram(value: 1), in: scratch)
        #expect(program.waitForLine(containing: "value 1 version 1"))
        try source.write(Self.loopProgram(value: 2))
        #expect(program.waitForLine(containing: "value 2 version 2"))
        try source.write(Self.loopProgram(value: 3, extra: "p := 0 as *i64\n    *p = 7"))
        #expect(program.waitForStderr(containing: "v3 crashed: SIGSEGV (address 0x0) in `update` (hot part version 3) at game.vais:15; rolled back to v2"),
                "\(program.stderr)")
        let before = Self.ticks(program, value: 2).count
        #expect(program.wait { Self.ticks($0, value: 2).count > before + 3 }, "the program did not go on with v2")
        try source.write(Self.loopProgram(value: 4, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0, "\(program.stderr)")
        #expect(program.lines.last == "finished 9 counter-positive 1")
    }

    @Test("a crash with no earlier version to return to ends with a report, not a core dump", .timeLimit(.minutes(10)))
    func unrecoverableCrash() throws {
        let scratch = try ScratchDirectory("run-fatal")
        let source = """
        #[hot]
        F boom(p: *i64) -> i64 = *p
        F main() -> i64 {
            puts("before")
            boom(0 as *i64)
        }
        """
        let (program, _) = try Self.start(source, in: scratch)
        #expect(program.waitForExit() == 128 + SIGSEGV)
        #expect(program.lines == ["before"])
        #expect(program.stderr.contains("vais-hot: the program crashed: SIGSEGV (address 0x0) in `boom` (hot part version 1) at game.vais:2"),
                "\(program.stderr)")
    }

    @Test("an editor's write-to-temporary-then-rename save is picked up", .timeLimit(.minutes(10)))
    func atomicRenameSave() throws {
        let scratch = try ScratchDirectory("run-rename")
        let (program, source) = try Self.start(Self.loopProgram(value: 1), in: scratch)
        #expect(program.waitForLine(containing: "value 1 version 1"))
        try source.writeAtomically(Self.loopProgram(value: 2))
        #expect(program.waitForLine(containing: "value 2 version 2"))
        try FileManager.default.removeItem(atPath: source.path)
        try source.write(Self.loopProgram(value: 3, stopAt: "counter > 0"))
        #expect(program.waitForExit() == 0)
        #expect(program.lines.contains { $0.contains("value 3 version 3") })
    }

    @Test("a program that never calls hot_check gets each version as soon as it is loaded", .timeLimit(.minutes(10)))
    func unmanagedProgram() throws {
        let scratch = try ScratchDirectory("run-unmanaged")
        func program(_ value: Int) -> String {
            """
            G frame: i64 = 0
            #[hot]
            F step() -> i64 {
                frame += 1
                printf("frame %ld value \(value)\\n", frame)
                value_done()
            }
            F value_done() -> i64 = \(value) == 3 ? 1 : 0
            F main() -> i64 {
                L step() == 0 { usleep(5000) }
                printf("stopped at %ld\\n", frame)
                0
            }
            """
        }
        let (live, source) = try Self.start(program(1), in: scratch)
        #expect(live.waitForLine(containing: "value 1"))
        try source.write(program(2))
        #expect(live.waitForLine(containing: "value 2"))
        live.stop()
        #expect(!live.stderr.contains("crashed"))
    }
}

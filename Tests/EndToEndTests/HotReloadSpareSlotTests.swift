import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot run` and a `build --hot` executable with functions added
/// while the program runs that are used as values: a closure added to a
/// hot function and a new function stored in a global take spare slots,
/// later edits of them reach the values made earlier, and a used-up pool
/// refuses the edit (docs/HOT_RELOAD.md, "Spare slots").
///
/// A spare that was never given a function points at a trap that reports
/// it and aborts, but no Vais code can call it: a value naming a spare's
/// stub is made only by code of a version built with that spare given, and
/// the swap stores the spare's slot before any other slot of that version.
@Suite("Spare slots under vais-hot run and build --hot", .serialized)
struct HotReloadSpareSlotTests {
    /// `update` (hot) is empty in v1; with `closure`, it makes that closure
    /// once, capturing `k`, and stores it and `helper` (new) in globals,
    /// which `main` calls on every tick. `before` is a statement written
    /// before the closure (a closure inserted there renames it); `main`
    /// stops when `update` returns `stop`.
    static func program(closure: String? = nil, helper: String = "x * 1000", before: String = "", stop: Int = 0) -> String {
        let made = closure.map { closure in
            """
                I made == 0 {
                    made = 1
                    \(before)
                    keep = \(closure)
                    pointer = helper
                }
            """
        } ?? ""
        return """
        fn identity(x: i64) -> i64 = x
        G keep: |i64| -> i64 = identity
        G pointer: fn(i64) -> i64 = identity
        G made: i64 = 0
        \(closure == nil ? "" : "fn helper(x: i64) -> i64 = \(helper)")

        #[hot]
        fn update(k: i64) -> i64 {
        \(made)
            \(stop)
        }

        fn main() -> i64 {
            L {
                stop := update(3)
                r := keep(2)
                printf("tick closure %ld pointer %ld\\n", r, pointer(2))
                I r > 100000 || stop > 0 { B }
                usleep(5000)
            }
            printf("done\\n")
            0
        }
        """
    }

    /// Whether the private build folder still holds version `number`'s
    /// library: it is removed when the version is unloaded.
    static func holdsVersion(_ number: Int, under folder: String) -> Bool {
        let files = FileManager.default.enumerator(atPath: folder)?.allObjects.compactMap { $0 as? String } ?? []
        return files.contains { $0.hasSuffix("/libgame.v\(number).so") }
    }

    @Test("a closure added by v2 and kept in a global runs v3's body after v2 is unloaded; a new function kept as a value reaches its newest version; a closure inserted before it is refused with advice",
          .timeLimit(.minutes(10)))
    func closureAddedWhileRunning() throws {
        let scratch = try ScratchDirectory("run-spares")
        let (live, source) = try HotReloadRunTests.start(Self.program(), in: scratch, options: ["--keep-versions", "1"])
        #expect(live.waitForLine(containing: "tick closure 2 pointer 2"), "\(live.stderr)")

        try source.write(Self.program(closure: "|x| x * k + 100"))
        // 2 * 3 + 100 from the closure v2 made; helper's 2 * 1000.
        #expect(live.waitForLine(containing: "tick closure 106 pointer 2000"), "\(live.stderr)")
        #expect(live.stderr.contains("note: `update.closure0` is new and needs a slot of its own (a closure, or a function used as a value): it holds spare slot"))

        try source.write(Self.program(closure: "|x| x * k + 200", helper: "x * 3000"))
        #expect(live.waitForLine(containing: "tick closure 206 pointer 6000"), "\(live.stderr)")
        #expect(live.wait { _ in !Self.holdsVersion(2, under: scratch.path("build")) }, "v2 was never unloaded\n\(live.stderr)")
        // Still the value v2 made (made = 1 since), running v3's body with v2 gone.
        let seen = live.lines.filter { $0 == "tick closure 206 pointer 6000" }.count
        #expect(live.wait { $0.lines.filter { $0 == "tick closure 206 pointer 6000" }.count > seen + 2 }, "\(live.stderr)")

        try source.write(Self.program(closure: "|x| x * k + 200", helper: "x * 3000", before: "early := |a: i64, b: i64| a + b\n made = early(1, 0)"))
        #expect(live.waitForStderr(containing: "add new closures after the existing ones, or restart"), "\(live.stderr)")
        #expect(live.stderr.contains("`update.closure0` changed its signature"))

        try source.write(Self.program(closure: "|x| x * k + 300000", helper: "x * 3000"))
        #expect(live.waitForExit() == 0, "\(live.stderr)")
        #expect(live.lines.contains("tick closure 300006 pointer 6000"))
        #expect(live.lines.last == "done")
    }

    /// A `build --hot` program: `update` (hot, run by `hot_loop`) makes
    /// `closure` once and keeps it, and ends the loop when it returns more
    /// than 100000.
    static func standaloneProgram(closure: String? = nil) -> String {
        let made = closure.map { "I made == 0 {\n        made = 1\n        keep = \($0)\n    }" } ?? ""
        return """
        U std/hot
        fn identity(x: i64) -> i64 = x
        G keep: |i64| -> i64 = identity
        G made: i64 = 0

        #[hot]
        F update() -> i64 {
            k := 3
            \(made)
            r := keep(2)
            printf("tick closure %ld\\n", r)
            usleep(5000)
            I r > 100000 { R 4 }
            0
        }

        F main() -> i64 {
            printf("init %ld\\n", hot_init("game.vais"))
            hot_loop(update)
        }
        """
    }

    @Test("a build --hot executable gives a closure added while it runs a spare slot, and the value v2 made runs v3's body",
          .timeLimit(.minutes(10)))
    func standaloneExecutable() throws {
        let scratch = try ScratchDirectory("standalone-spares")
        let source = EditableSource(path: scratch.path("game.vais"))
        try source.write(Self.standaloneProgram())
        let build = try ProcessRunner.run(Repository.executable, ["build", "--hot", source.path, "-o", scratch.path("game"),
                                                                 "--std", Repository.standardLibrary])
        #expect(build.exitStatus == 0, "\(build.output)")
        let game = try LiveProgram(executable: scratch.path("game"), arguments: [], directory: scratch.url)
        #expect(game.waitForLine(containing: "tick closure 2"), "\(game.stderr)")
        try source.write(Self.standaloneProgram(closure: "|x| x * k + 100"))
        #expect(game.waitForLine(containing: "tick closure 106"), "\(game.stderr)")
        #expect(game.stderr.contains("`update.closure0` is new and needs a slot of its own"))
        try source.write(Self.standaloneProgram(closure: "|x| x * k + 200"))
        #expect(game.waitForLine(containing: "tick closure 206"), "\(game.stderr)")
        try source.write(Self.standaloneProgram(closure: "|x| x * k + 300000"))
        #expect(game.waitForExit() == 4, "\(game.stderr)")
    }

    /// Runs `vais-hot trace` with `options` through v1, v2 (a closure and a
    /// function value added) and v3 (which ends the program); returns its stderr.
    static func trace(_ options: [String], in scratch: ScratchDirectory) throws -> String {
        let source = EditableSource(path: scratch.path("game.vais"))
        try source.write(Self.program())
        let live = try LiveProgram(executable: Repository.executable,
                                   arguments: ["trace", source.path, "--debounce-ms", "20", "--std", Repository.standardLibrary,
                                               "--build-dir", scratch.path("build"), "--out", scratch.path("trace")] + options,
                                   directory: scratch.url)
        #expect(live.waitForLine(containing: "tick closure 2 pointer 2"), "\(live.stderr)")
        try source.write(Self.program(closure: "|x| x * k + 100"))
        #expect(live.waitForLine(containing: "tick closure 106 pointer 2000"), "\(live.stderr)")
        try source.write(Self.program(closure: "|x| x * k + 300000"))
        #expect(live.waitForExit() == 0, "\(live.stderr)")
        return live.stderr
    }

    /// The calls the trace's table counts for `function` in `version`.
    static func tracedCalls(_ function: String, version: Int, in table: String) -> Int? {
        table.split(separator: "\n").lazy.compactMap { line -> Int? in
            let columns = line.split(separator: " ")
            guard columns.count > 2, columns[0] == Substring(function), columns[1] == Substring(String(version)) else { return nil }
            return Int(columns[2])
        }.first
    }

    @Test("vais-hot trace traces functions in spare slots from the version that adds them, and names them untraced when --functions chose",
          .timeLimit(.minutes(10)))
    func tracedSpares() throws {
        let all = try Self.trace([], in: try ScratchDirectory("trace-spares"))
        #expect((Self.tracedCalls("update.closure0", version: 2, in: all) ?? 0) > 0, "\(all)")
        #expect((Self.tracedCalls("helper", version: 2, in: all) ?? 0) > 0, "\(all)")
        #expect(!all.contains("not traced"))

        let chosen = try Self.trace(["--functions", "update"], in: try ScratchDirectory("trace-spares-chosen"))
        #expect(chosen.contains("not traced: helper, update.closure0 (added while the program ran, in spare slots)"), "\(chosen)")
        #expect((Self.tracedCalls("update", version: 2, in: chosen) ?? 0) > 0, "\(chosen)")
    }

    @Test("with the pool used up, an edit that needs a spare is refused, naming the function and saying a restart frees the pool",
          .timeLimit(.minutes(10)))
    func poolUsedUp() throws {
        let scratch = try ScratchDirectory("run-spares-pool")
        let (live, source) = try HotReloadRunTests.start(Self.program(), in: scratch, options: ["--spare-slots", "1"])
        #expect(live.waitForLine(containing: "tick closure 2 pointer 2"), "\(live.stderr)")

        // helper and the closure need two spares, and there is one: the edit is refused, naming the function left without.
        try source.write(Self.program(closure: "|x| x * k + 100"))
        #expect(live.waitForStderr(containing: "function `update.closure0` is new and needs a slot of its own"), "\(live.stderr)")
        #expect(live.stderr.contains("all 1 of the running program's spare slots are taken by functions added earlier in this run; restart to free the pool"))
        #expect(!live.lines.contains { $0.contains("pointer 2000") })

        try source.write(Self.program(stop: 1))
        #expect(live.waitForExit() == 0, "\(live.stderr)")
        #expect(live.lines.last == "done")
    }
}

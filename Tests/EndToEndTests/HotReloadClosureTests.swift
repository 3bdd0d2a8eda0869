import Foundation
import Testing
import TestSupport

/// `vais-hot run` with function values that outlive the version that made
/// them: a closure made by v1 of a hot function, kept in a global, and a
/// pointer to a hot function kept in a struct, both called after later
/// reloads (docs/HOT_RELOAD.md, "Closures and function values").
@Suite("Closures and function values across reloads under vais-hot run", .serialized)
struct HotReloadClosureTests {
    /// `make` (hot) returns a closure capturing `k`; `main` keeps the one v1
    /// made in a global and calls it, and `scale` (hot) through a struct
    /// field, on every tick. `extraCapture` makes the closure capture one
    /// more local, a change of its environment; `inserted` is a closure
    /// written before it, which takes its name.
    static func program(value: Int, extraCapture: Bool = false, inserted: String? = nil) -> String {
        let closure = extraCapture ? "|x| x * k + \(value) + bonus" : "|x| x * k + \(value)"
        let before = inserted.map { "first := \($0)\n    printf(\"first %ld\\n\", first(1))\n    " } ?? ""
        return """
        struct Handlers { step: fn(i64) -> i64 }

        fn identity(x: i64) -> i64 = x
        G keep: |i64| -> i64 = identity

        #[hot]
        fn make(k: i64) -> |i64| -> i64 {
            bonus := 1
            \(before)\(closure)
        }

        #[hot]
        fn scale(x: i64) -> i64 = x * \(value)

        fn main() -> i64 {
            keep = make(3)
            handlers := Handlers { step: scale }
            L {
                r := keep(2)
                printf("tick closure %ld pointer %ld\\n", r, handlers.step(1))
                I r > 1000 { B }
                usleep(5000)
            }
            printf("done\\n")
            0
        }
        """
    }

    @Test("a closure made by v1 and kept in a global runs the newest body after v5 is live; a hot function's pointer in a struct reaches the new code; a change of captures, or a closure of the same shape inserted before it, is refused by name",
          .timeLimit(.minutes(10)))
    func closuresAcrossReloads() throws {
        let scratch = try ScratchDirectory("run-closures")
        let (live, source) = try HotReloadRunTests.start(Self.program(value: 1), in: scratch)
        // 2 * 3 + 1: v1's closure, with k = 3 captured when main started.
        #expect(live.waitForLine(containing: "tick closure 7 pointer 1"), "\(live.stderr)")
        for value in 2...5 {
            try source.write(Self.program(value: value))
            // Still the closure v1 made (k = 3), now running version `value`'s body.
            #expect(live.waitForLine(containing: "tick closure \(6 + value) pointer \(value)"), "v\(value) never showed up\n\(live.stderr)")
        }
        // v5 is live and only the last three versions stay mapped: v1's code is gone.
        #expect(live.waitForStderr(containing: "v5 live"), "\(live.stderr)")

        try source.write(Self.program(value: 6, extraCapture: true))
        #expect(live.waitForStderr(containing: "closure `make.closure0` changed what it captures"), "\(live.stderr)")
        #expect(!live.lines.contains { $0.contains("pointer 6") })

        // A closure of the same shape inserted before it would take its name: v1's closure would run it.
        try source.write(Self.program(value: 5, inserted: "|x: i64| x * k + 99"))
        #expect(live.waitForStderr(containing: "closure `make.closure0` now sits at `make.closure1`, unchanged"), "\(live.stderr)")
        #expect(!live.lines.contains { $0.contains("tick closure 104") })

        try source.write(Self.program(value: 2000))
        #expect(live.waitForExit() == 0, "\(live.stderr)")
        #expect(live.lines.contains("tick closure 2006 pointer 2000"))
        #expect(live.lines.last == "done")
    }
}

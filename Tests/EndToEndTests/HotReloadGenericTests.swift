import Foundation
import Testing
import TestSupport

/// `vais-hot run` with generic code: a `#[hot]` generic function and a
/// `#[hot]` method of a generic struct, edited while the program runs.
@Suite("Hot reload of generic code under vais-hot run", .serialized)
struct HotReloadGenericTests {
    /// `main` keeps the state (a `Pair<i64, f64>`) and calls a hot generic
    /// function and a hot method of the generic struct on every tick.
    /// `show` (hot) says when to stop, so an edit can end the program.
    static func program(value: Int, extraField: String = "", limit: String = "1000000") -> String {
        """
        S Pair<A, B> { a: A, b: B\(extraField.isEmpty ? "" : ", \(extraField): i64") }

        X Pair<A, B> {
            #[hot]
            F show(&self) -> i64 {
                printf("pair %ld value \(value)\\n", self.a)
                I self.a > \(limit) { 1 } E { 0 }
            }
        }

        #[hot]
        F bump<T>(x: T) -> T {
            printf("bump value \(value)\\n")
            x
        }

        F main() -> i64 {
            p := mut Pair { a: 0, b: 0.5\(extraField.isEmpty ? "" : ", \(extraField): 0") }
            L {
                p.a = bump(p.a + 1)
                I p.show() != 0 { B }
                usleep(5000)
            }
            printf("done\\n")
            0
        }
        """
    }

    /// The `a` printed on each `pair` line with a given value.
    static func counts(_ program: LiveProgram, value: Int) -> [Int] {
        program.lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 4, parts[0] == "pair", parts[3] == Substring(String(value)) else { return nil }
            return Int(parts[1])
        }
    }

    @Test("edits of a hot generic function and a hot generic method show up, state kept; a layout change is refused by name",
          .timeLimit(.minutes(10)))
    func genericEdits() throws {
        let scratch = try ScratchDirectory("run-generic")
        let (live, source) = try HotReloadRunTests.start(Self.program(value: 1), in: scratch)
        #expect(live.waitForLine(containing: "pair 1 value 1"))
        try source.write(Self.program(value: 2))
        #expect(live.waitForLine(containing: "bump value 2"), "\(live.stderr)")
        #expect(live.waitForLine(containing: "value 2"))
        let before = Self.counts(live, value: 1).last ?? 0
        #expect(live.wait { Self.counts($0, value: 2).count > 2 })
        // The counter lives in main's Pair: it goes on where version 1 left it.
        #expect((Self.counts(live, value: 2).first ?? 0) > before)

        try source.write(Self.program(value: 3, extraField: "c"))
        #expect(live.waitForStderr(containing: "struct `Pair<i64, f64>` changed its layout"), "\(live.stderr)")
        #expect(!live.lines.contains { $0.contains("value 3") })

        try source.write(Self.program(value: 4, limit: "0"))
        #expect(live.waitForExit() == 0, "\(live.stderr)")
        #expect(live.lines.contains("bump value 4"))
        #expect(live.lines.last == "done")
    }
}

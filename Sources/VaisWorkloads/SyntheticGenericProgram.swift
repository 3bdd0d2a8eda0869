/// Deterministic synthetic Vais programs that lean on tier 2: generic
/// structs, enums and functions, traits with bounds and defaults, and
/// `Option`/`Result` with `?`, `!` and `match`. The second front-end
/// benchmark program (the first, `SyntheticProgram`, is tier 1 only).
///
/// The program is a header (a generic `Pair`, a `Measure` trait, helpers),
/// as many *units* as fit, each a struct implementing the trait, a generic
/// enum over it and functions that specialize the generic helpers for it,
/// then `tune_<n>` padding to the exact line count and a `main` that runs
/// an evenly spaced sample of at most 48 units and prints a checksum. It
/// builds, runs in well under a second and exits 0.
public enum SyntheticGenericProgram {
    /// A program of exactly `lines` lines, or the smallest one (about 60
    /// lines) if `lines` is smaller.
    public static func source(lines: Int, seed: UInt64 = 1) -> String {
        UnitProgramLayout(header: header, unit: unit, run: { "run\($0)()" }, sampleLimit: 48, label: "generic", functionKeyword: "F")
            .source(lines: lines, seed: seed)
    }

    static let header = UnitProgramLayout.lines("""
    # A synthetic Vais program made by VaisWorkloads.SyntheticGenericProgram
    # for benchmarking the compiler on generics, traits and Option/Result.

    G checksum: i64 = 0
    S Pair<A, B> { a: A, b: B }

    X Pair<A, B> {
        F first(&self) -> A = self.a
        F second(&self) -> B = self.b
        F swap(&self) -> Pair<B, A> = Pair { a: self.b, b: self.a }
    }

    trait Measure {
        F measure(&self) -> i64
        F doubled(&self) -> i64 = self.measure() * 2
    }

    F note(v: i64) -> i64 {
        checksum = (checksum * 31 + v % 1000003) % 1000003
        v
    }

    F larger<T: Measure>(a: T, b: T) -> i64 {
        I a.measure() > b.measure() { a.doubled() } E { b.doubled() }
    }

    F safe_div(a: i64, b: i64) -> Result<i64, i64> {
        I b == 0 { R Err(a) }
        Ok(a / b)
    }

    F position(xs: [i64; 4], wanted: i64) -> Option<i64> {
        L i: 0..4 {
            I xs[i] == wanted { R Some(i) }
        }
        None
    }

    """)

    static func unit(_ index: Int, offset: Int) -> [String] {
        UnitProgramLayout.lines("""
        S Item\(index) { v: i64, w: f64 }
        X Item\(index): Measure { F measure(&self) -> i64 = self.v + \(offset) }
        E Shape\(index)<T> { Dot(T), Line(T, T), Empty }

        F area\(index)<T: Measure>(s: Shape\(index)<T>) -> i64 = M s {
            Dot(a) => a.measure(),
            Line(a, b) => a.measure() + b.doubled(),
            Empty => 0
        }

        F chain\(index)(x: i64) -> Option<i64> {
            i := position([x, \(offset), 7, 9], x)?
            j := position([1, 2, i, 3], i)?
            Some(i + j + \(offset))
        }

        F ratio\(index)(x: i64) -> Result<i64, i64> {
            q := safe_div(x * \(offset), x % 5)?
            Ok(q + 1)
        }

        F run\(index)() -> i64 {
            p := Pair { a: Item\(index) { v: 3, w: 0.5 }, b: \(offset) }
            s := Shape\(index).Line(p.first(), Item\(index) { v: p.second(), w: 1.5 })
            e: Shape\(index)<Item\(index)> = Shape\(index).Empty
            total := area\(index)(s) + area\(index)(e) + larger(p.a, Item\(index) { v: 4, w: 2.0 })
            r := M ratio\(index)(\(offset)) { Ok(v) => v, Err(code) => -code }
            note(total + chain\(index)(\(offset)).unwrap_or(0) + r + p.swap().a)
        }

        """)
    }
}

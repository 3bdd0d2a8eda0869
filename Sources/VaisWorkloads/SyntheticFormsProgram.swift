/// Deterministic synthetic Vais programs of the second half of tier 2:
/// closures (capturing, with inferred parameters, held in fields, passed
/// through generic functions), `D` with an early return, and the std
/// modules `Vec`, `HashMap` and `String`, whose bindings take their type
/// arguments from a later use (`map := mut HashMap::new()`). The third
/// front-end benchmark program; it needs the standard library (`std/`).
///
/// The program is a header (a `fold` over a `Vec` with a closure, a
/// generic `apply`, a checksum), as many *units* as fit, then `tune_<n>`
/// padding to the exact line count and a `main` that runs an evenly spaced
/// sample of at most 24 units and prints the checksum. It builds, runs in
/// well under a second and exits 0.
public enum SyntheticFormsProgram {
    /// A program of exactly `lines` lines, or the smallest one (about 60
    /// lines) if `lines` is smaller.
    public static func source(lines: Int, seed: UInt64 = 1) -> String {
        UnitProgramLayout(header: header, unit: unit, run: { "work\($0)(\($0 + 1)) + table\($0)(2)" }, sampleLimit: 24, label: "forms", functionKeyword: "fn")
            .source(lines: lines, seed: seed)
    }

    static let header = UnitProgramLayout.lines("""
    # A synthetic Vais program made by VaisWorkloads.SyntheticFormsProgram
    # for benchmarking the compiler on closures, defer, Vec, HashMap and String.
    use std/vec
    use std/hashmap
    use std/string

    G checksum: i64 = 0

    fn fold(v: Vec<i64>, start: i64, f: |i64, i64| -> i64) -> i64 {
        acc := mut start
        L i: 0..v.len() { acc = f(acc, v.get(i)) }
        acc
    }

    fn apply<T>(x: T, f: |T| -> T) -> T = f(x)

    fn note(v: i64) -> i64 {
        checksum = (checksum * 31 + v % 1000003) % 1000003
        v
    }

    """)

    static func unit(_ index: Int, offset: Int) -> [String] {
        UnitProgramLayout.lines("""
        struct Holder\(index) { scale: i64, f: |i64| -> i64 }

        fn make\(index)(k: i64) -> |i64| -> i64 = |x: i64| x * k + \(offset)

        fn work\(index)(x: i64) -> i64 {
            k := x + \(offset)
            m := 3
            D note(k)
            I x < 0 { return 0 }
            add := |y: i64| y + k * m
            h := Holder\(index) { scale: 2, f: make\(index)(m) }
            v := mut Vec::new()
            L i: 0..4 { v.push(add(i)) }
            v.push((h.f)(x) * h.scale)
            v.push(apply(x, |a| a + k))
            total := fold(v, 0, |a, b| a + b)
            note(total)
        }

        fn table\(index)(x: i64) -> i64 {
            map := mut HashMap::new()
            L i: 0..8 { map.insert(i, i * x + \(offset)) }
            got := match map.get(3) { Some(v) => v, None => 0 }
            s := mut String::new()
            s.push_str("unit")
            D note(s.len())
            got + map.len()
        }

        """)
    }
}

import Testing
import VaisCompiler
import VaisSyntax

/// The one place that says which forms of the Vais language contract
/// vais-hot compiles and which it refuses as "not supported yet" (P018):
/// each supported form must check without a diagnostic, and each refused
/// one must give exactly P018, at its first token, naming the feature —
/// never a crash, and never a parse error that sends the reader elsewhere.
@Suite("Language forms")
struct LanguageFormsTests {
    enum Status: Sendable {
        case supported
        /// P018 at this line and column, its message naming this.
        case notSupportedYet(line: Int, column: Int, naming: String)
    }

    struct Form: Sendable, CustomTestStringConvertible {
        let name: String
        let source: String
        let status: Status
        var testDescription: String { name }
    }

    static let forms: [Form] = [
        Form(name: "generic functions, structs and impls", source: """
            S Pair<T> { a: T, b: T }
            X Pair { F sum(&self) -> i64 = self.a + self.b }
            F id<T>(x: T) -> T = x
            F main() -> i64 = Pair { a: id(1), b: 2 }.sum()
            """, status: .supported),
        Form(name: "traits, impls of them, Option and ?", source: """
            W Area { F area(&self) -> i64 }
            S Sq { side: i64 }
            X Sq: Area { F area(&self) -> i64 = self.side * self.side }
            F half(x: i64) -> Option<i64> = I x % 2 == 0 { Some(x / 2) } E { None }
            F quarter(x: i64) -> Option<i64> = Some(half(half(x)?)?)
            F main() -> i64 = Sq { side: 3 }.area() + quarter(8).unwrap_or(0)
            """, status: .supported),
        Form(name: "raw memory on i64 addresses and sizeof", source: """
            F main() -> i64 {
                p := malloc(sizeof(i64) * 2)
                store_i64(p + 8, 41)
                store_byte(p, 1)
                n := load_i64(p + 8) + load_byte(p)
                free(p)
                n
            }
            """, status: .supported),
        Form(name: "one-line externs", source: """
            N F atoi(s: str) -> i32
            N fn load_i64(address: i64) -> i64
            F main() -> i64 = atoi("42")
            """, status: .supported),
        Form(name: "the older code's one-line externs: X F and impl fn", source: """
            X F strlen(s: str) -> i64
            impl fn labs(n: i64) -> i64
            F main() -> i64 = strlen("ab") + labs(-1)
            """, status: .supported),
        Form(name: "associated types spelled T Item", source: """
            W Source { T Item; F get(&self) -> i64 }
            S One { v: i64 }
            X One: Source { T Item = i64; F get(&self) -> i64 = self.v }
            F main() -> i64 = One { v: 1 }.get()
            """, status: .supported),
        Form(name: "the pipe operator", source: """
            F double(x: i64) -> i64 = x * 2
            F add(x: i64, y: i64) -> i64 = x + y
            F main() -> i64 = 3 |> double |> add(1)
            """, status: .supported),
        Form(name: "the newer spelling: let, and/or/not, Int/Bool/Str, else if", source: """
            fn sign(n: Int) -> Int {
                let mut s = 0
                if n > 0 and not (n == 7 or false) { s = 1 } else if n < 0 { s = -1 }
                return s
            }
            fn main() -> Int { let label: Str = "x"; return sign(3) }
            """, status: .supported),
        Form(name: "character literals, Char, and a Bool as an Int in the newer spelling", source: """
            fn after(c: Char) -> Char = c + 1
            fn count(flag: Bool) -> Int = flag
            fn main() -> Int {
                let c: Char = after('\\n')
                let byte: u8 = 'a'
                let picked = match Some(c == 'A') { Some(v) => v, None => 0 }
                return count(c > 'A') + (c != 'B') * 2 + picked + byte
            }
            """, status: .supported),
        Form(name: "character literals against bytes in the canonical spelling", source: """
            F main() -> i64 {
                s := "vais" as *u8
                I s[0] == 'v' && M s[1] { 'a'..='z' => true, _ => false } { 1 } E { 0 }
            }
            """, status: .supported),
        Form(name: "older spellings: EL, F f(): T, B with a value, methods in a struct", source: """
            S Counter { n: i64, F get(&self) -> i64 = self.n }
            F f(): i64 {
                i := mut 0
                L { I i >= 3 { B 0 } EL { i += 1 } }
                i
            }
            F main() -> i64 = f() + Counter { n: 1 }.get()
            """, status: .supported),
        Form(name: "an array literal where a pointer is expected", source: """
            F second(p: *i64) -> i64 = p[1]
            F main() -> i64 = second([1, 2, 3])
            """, status: .supported),
        Form(name: "type arguments of a binding from a later use", source: """
            S Box<T> { last: Option<T> }
            X Box<T> { F put(&mut self, x: T) { self.last = Some(x) } }
            F main() -> i64 {
                b := mut Box { last: None }
                b.put(1.5)
                e := mut None
                e = Some(2)
                e.unwrap_or(0)
            }
            """, status: .supported),
        Form(name: "tuple patterns in match", source: """
            F f(p: (i64, Option<(bool, i64)>)) -> i64 = M p {
                (0, Some((true, n))) => n,
                (x, _) => x,
            }
            F main() -> i64 = f((0, Some((true, 3))))
            """, status: .supported),
        Form(name: "generic traits, their impls and bounds", source: """
            W Into<T> { F into(&self) -> T }
            X i64: Into<f64> { F into(&self) -> f64 = *self as f64 }
            F half<T: Into<f64>>(x: T) -> f64 = x.into() / 2.0
            F main() -> i64 = half(8) as i64
            """, status: .supported),
        Form(name: "type arguments written on calls, with a turbofish too", source: """
            S Tally { n: i64 }
            X Tally { F none<Elem>(&self) -> Option<Elem> = None }
            F zero<T>() -> T = 0 as T
            F main() -> i64 = zero<i64>() + zero::<i64>() + Tally { n: 1 }.none::<i64>().unwrap_or(Tally { n: 2 }.none<i64>().unwrap_or(0))
            """, status: .supported),
        Form(name: "lifetimes", source: "F first<'a>(x: &i64) -> i64 = *x\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 9, naming: "lifetimes")),
        Form(name: "async functions", source: "A F fetch() -> i64 = 1\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 1, naming: "async")),
        Form(name: "await", source: "F main() -> i64 {\n    x := 1.Y\n    0\n}",
             status: .notSupportedYet(line: 2, column: 12, naming: "await")),
        Form(name: "comptime", source: "F main() -> i64 = comptime { 4 * 8 }",
             status: .notSupportedYet(line: 1, column: 19, naming: "comptime")),
        Form(name: "macros", source: "macro twice! { ($x) => { $x + $x } }\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 1, naming: "macros")),
        Form(name: "trait objects", source: "W Show { F show(&self) -> i64 }\nF f(x: dyn Show) -> i64 = 0\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 2, column: 8, naming: "dyn")),
        Form(name: "unions", source: "O Bits { i: i64, f: f64 }\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 1, naming: "unions")),
        Form(name: "WebAssembly attributes", source: "#[wasm_export(\"run\")]\nF run() -> i64 = 0\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 3, naming: "wasm_export")),
        Form(name: "GPU attributes", source: "#[gpu]\nF k() -> i64 = 0\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 3, naming: "gpu")),
        Form(name: "contracts and refinement types on parameters and results", source: """
            #[requires(x > 0)]
            #[ensures(return > x)]
            F f(x: i64) -> i64 = x + 1
            F g(n: {v: i64 | v != 0}) -> {r: i64 | r > 0} = n * n
            F main() -> i64 = f(1) + g(2)
            """, status: .supported),
        Form(name: "requires on methods", source: """
            S Acc { total: i64 }
            X Acc {
                #[requires(n > 0)]
                F add(&mut self, n: {v: i64 | v < 100}) { self.total += n }
            }
            F main() -> i64 = 0
            """, status: .supported),
        Form(name: "ensures on methods", source: "S A { x: i64 }\nX A {\n    #[ensures(return > 0)]\n    F get(&self) -> i64 = self.x\n}\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 3, column: 7, naming: "ensures")),
        Form(name: "match guards", source: "F main() -> i64 = M 3 {\n    n I n > 2 => 1,\n    n if n < 0 => 2,\n    _ => 0\n}",
             status: .supported),
        Form(name: "lazy evaluation", source: "F main() -> i64 {\n    x := lazy 42\n    0\n}",
             status: .notSupportedYet(line: 2, column: 10, naming: "lazy")),
        Form(name: "linear types", source: "F main() -> i64 {\n    x := linear 42\n    0\n}",
             status: .notSupportedYet(line: 2, column: 10, naming: "linear")),
        Form(name: "enum variants with named fields", source: "E Shape { Dot, Box { w: i64 } }\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 20, naming: "named fields")),
        Form(name: "ranges as values", source: "F main() -> i64 {\n    r := 0..10\n    0\n}",
             status: .notSupportedYet(line: 2, column: 11, naming: "ranges as values")),
        Form(name: "slices", source: "F main() -> i64 {\n    a := [1, 2, 3]\n    s := a[0..2]\n    0\n}",
             status: .notSupportedYet(line: 3, column: 13, naming: "slices")),
        Form(name: "parameters without a type", source: "F add(a, b: i64) -> i64 = b\nF main() -> i64 = 0",
             status: .notSupportedYet(line: 1, column: 7, naming: "without a type")),
        Form(name: "string interpolation", source: "F main() -> i64 {\n    n := 3\n    puts(\"n = ~{n}\")\n    0\n}",
             status: .notSupportedYet(line: 3, column: 10, naming: "interpolation")),
        Form(name: "refinement types elsewhere", source: "F main() -> i64 {\n    x: {v: i64 | v > 0} = 1\n    x\n}",
             status: .notSupportedYet(line: 2, column: 8, naming: "refinement types")),
    ]

    @Test("each form is compiled, or refused as not supported yet", arguments: forms)
    func form(_ form: Form) {
        let result = Compiler.compile(source: form.source, path: "form.vais")
        let renderer = DiagnosticRenderer(sources: result.sources)
        let errors = result.diagnostics.filter(\.isError)
        switch form.status {
        case .supported:
            #expect(errors.isEmpty, "\(result.renderedDiagnostics())")
        case .notSupportedYet(let line, let column, let naming):
            #expect(errors.count == 1, "\(result.renderedDiagnostics())")
            guard let error = errors.first else { return }
            let location = renderer.location(of: error)
            #expect(error.code == "P018")
            #expect(location.line == line && location.column == column, "\(result.renderedDiagnostics())")
            #expect(error.message.contains("not supported yet") && error.message.contains(naming), "\(error.message)")
        }
    }
}

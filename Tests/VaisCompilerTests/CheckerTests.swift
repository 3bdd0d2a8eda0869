import Testing
import VaisCompiler
import VaisSyntax

@Suite("Checker")
struct CheckerTests {
    private func codes(_ source: String) -> [String] {
        Compiler.compile(source: source, path: "t.vais").diagnostics.map(\.code)
    }

    @Test("integer literals adapt to the integer type expected, and must fit it")
    func literalAdaptation() {
        #expect(codes("F main() -> i64 {\n a: u8 := 255\n b: i8 := -128\n c: i32 := 7\n 0\n}") == [])
        #expect(codes("F main() -> i64 {\n a: u8 := 256\n 0\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n a: f64 := 1\n 0\n}") == [])
        #expect(codes("F f(x: i32) -> i32 = x + 1\nF main() -> i64 = f(2) as i64") == [])
    }

    @Test("numbers adapt to each other; bool, str and pointers never convert implicitly")
    func noImplicitConversions() {
        #expect(codes("F main() -> i64 {\n x: i64 := 1\n y: i32 := x\n z: f64 := y\n 0\n}") == [])
        #expect(codes("F main() -> i64 {\n x: f64 := 1.5\n y: i64 := x\n 0\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n p := malloc(8) as *i8\n y: i64 := p\n 0\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n s: str := 5\n 0\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n b := true\n R b\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n x := 1\n I x { 0 } E { 1 }\n}") == ["E020"])
    }

    @Test("str and *i8 share a representation and pass for each other")
    func stringsAsPointers() {
        #expect(codes("F main() -> i64 {\n s := \"hi\"\n n := strlen(s)\n p := malloc(8) as *i8\n puts(p)\n n\n}") == [])
    }

    @Test("one mistake is reported once: the error type silences follow-on errors")
    func noCascades() {
        #expect(codes("F main() -> i64 {\n x := nothing + 1\n y := x * 2\n y\n}") == ["E001"])
        #expect(codes("S P { x: i64 }\nF main() -> i64 {\n p := P { x: 1 }\n p.nope + 1\n}") == ["E004"])
    }

    @Test("independent errors in one file are all reported")
    func severalErrors() {
        let found = codes("""
        F a() -> i64 = undefined_one
        F b() -> i64 { R true }
        F c() { B }
        F main() -> i64 = 0
        """)
        #expect(found == ["E001", "E003", "E010"])
    }

    @Test("mutability: locals, parameters and constants refuse assignment; memory behind a pointer does not")
    func mutability() {
        #expect(codes("F main() -> i64 {\n x := 1\n x = 2\n x\n}") == ["E006"])
        #expect(codes("F f(x: i64) { x = 2 }\nF main() -> i64 = 0") == ["E006"])
        #expect(codes("C K: i64 = 1\nF main() -> i64 {\n K = 2\n 0\n}") == ["E006"])
        #expect(codes("S P { x: i64 }\nF f(p: *P) { p.x = 2 }\nF main() -> i64 {\n p := P { x: 1 }\n f(&p)\n p.x\n}") == [])
    }

    @Test("--lenient-mutability turns an assignment to a binding without `mut` into one warning, as the original compiler lets it pass")
    func lenientMutability() throws {
        let lenient = CompileOptions(lenientMutability: true)
        let result = Compiler.compile(source: "F main() -> i64 {\n x := 1\n x = 2\n x += 3\n x\n}", path: "t.vais", options: lenient)
        #expect(result.diagnostics.map(\.code) == ["W001"])
        #expect(result.diagnostics.first?.severity == .warning)
        if let warning = result.diagnostics.first {
            #expect(DiagnosticRenderer(sources: result.sources).location(of: warning).line == 3)
        }
        #expect(result.program != nil)
        // A closure's copy and a constant stay errors: assigning them would change nothing the program could see, or a constant.
        #expect(Compiler.compile(source: "C K: i64 = 1\nF main() -> i64 {\n K = 2\n 0\n}", path: "t.vais", options: lenient)
            .diagnostics.map(\.code) == ["E006"])
        #expect(Compiler.compile(source: "F main() -> i64 {\n k := 1\n f := || { k = 2 }\n f()\n k\n}", path: "t.vais", options: lenient)
            .diagnostics.map(\.code) == ["E006"])
        let strict = Compiler.compile(source: "F main() -> i64 {\n x := 1\n x = 2\n x\n}", path: "t.vais")
        #expect(strict.diagnostics.first?.message.contains("--lenient-mutability") == true)
    }

    @Test("a match used as a value must be exhaustive")
    func exhaustiveness() {
        let enumSource = "E Color { Red, Green, Blue }\n"
        #expect(codes(enumSource + "F f(c: Color) -> i64 = M c { Color.Red => 1, Green => 2, Blue => 3 }\nF main() -> i64 = 0") == [])
        #expect(codes(enumSource + "F f(c: Color) -> i64 = M c { Color.Red => 1, Green => 2 }\nF main() -> i64 = 0") == ["E026"])
        #expect(codes("F f(b: bool) -> i64 = M b { true => 1, false => 0 }\nF main() -> i64 = 0") == [])
        #expect(codes("F f(x: i64) -> i64 = M x { 1 => 1, 2..9 => 2 }\nF main() -> i64 = 0") == ["E026"])
        #expect(codes("F f(x: i64) { M x { 1 => puts(\"one\"), _ => 0 } }\nF main() -> i64 = 0") == [])
        #expect(codes("F f(x: i64) -> bool = M x { 1 => puts(\"one\"), _ => false }\nF main() -> i64 = 0") == ["E003"])
    }

    @Test("constants fold at compile time, across declaration order")
    func constants() {
        let result = Compiler.compile(source: "G table: [i64; SIZE] = [0; SIZE]\nC SIZE: i64 = HALF * 2\nC HALF: i64 = 4\nF main() -> i64 = table[0]", path: "t.vais")
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        #expect(result.ir?.contains("@vais.global.table = global [8 x i64] zeroinitializer") == true)
        #expect(codes("C FIRST: i64 = SECOND\nC SECOND: i64 = FIRST\nF main() -> i64 = FIRST") == ["E022"])
    }

    @Test("a struct that holds itself by value is refused; through a pointer it is fine")
    func recursiveStructs() {
        #expect(codes("S Node { next: Node }\nF main() -> i64 = 0") == ["E021"])
        #expect(codes("S Node { next: *Node, value: i64 }\nF main() -> i64 = 0") == [])
    }

    @Test("the semantic model lists hot functions")
    func hotFunctions() throws {
        let result = Compiler.compile(source: "#[hot]\nF step(x: i64) -> i64 = x + 1\nF main() -> i64 = step(1)", path: "t.vais")
        let model = try #require(result.program?.model)
        #expect(model.hotFunctions.map { model.function($0).name } == ["step"])
    }
}

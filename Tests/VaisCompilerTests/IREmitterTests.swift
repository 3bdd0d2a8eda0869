import Testing
import VaisCompiler

@Suite("IR emission")
struct IREmitterTests {
    private func ir(_ source: String, debugInfo: Bool = false) -> String {
        let result = Compiler.compile(source: source, path: "/tmp/t.vais", options: CompileOptions(debugInfo: debugInfo))
        #expect(!result.hasErrors, "\(result.renderedDiagnostics())")
        return result.ir ?? ""
    }

    @Test("functions are mangled; C functions keep their names; main is wrapped")
    func symbols() {
        let text = ir("F twice(x: i64) -> i64 = x * 2\nF main() -> i64 { printf(\"%ld\\n\", twice(21)); 0 }")
        #expect(text.contains("define i64 @vais.twice(i64 %p0)"))
        #expect(text.contains("declare i32 @printf(ptr, ...)"))
        #expect(text.contains("define i32 @main(i32 %argc, ptr %argv)"))
        #expect(text.contains("call i64 @vais.main()"))
    }

    @Test("aggregates travel by pointer, results through a leading pointer")
    func aggregateConvention() {
        let text = ir("S V { x: f64, y: f64 }\nF add(a: V, b: V) -> V = V { x: a.x + b.x, y: a.y + b.y }\nF main() -> i64 = 0")
        #expect(text.contains("define void @vais.add(ptr noalias %ret, ptr %p0, ptr %p1)"))
        #expect(text.contains("%S.V = type { double, double }"))
    }

    @Test("variadic C calls promote f32 to f64 and small integers to i32")
    func variadicPromotions() {
        let text = ir("F main() -> i64 {\n f: f32 := 1.5\n b: u8 := 7\n printf(\"%f %d\\n\", f, b)\n 0\n}")
        #expect(text.contains("fpext float"))
        #expect(text.contains("zext i8"))
    }

    @Test("-g emits a compile unit, a subprogram per function and statement locations")
    func debugInfo() {
        let text = ir("F main() -> i64 {\n x := 1\n x + 1\n}", debugInfo: true)
        #expect(text.contains("!DICompileUnit"))
        #expect(text.contains("distinct !DISubprogram(name: \"main\", linkageName: \"vais.main\""))
        #expect(text.contains("!DILocation(line: 2"))
        #expect(text.contains("!\"Debug Info Version\""))
        #expect(!ir("F main() -> i64 = 0").contains("!dbg"))
    }

    @Test("enums are a tag and payload words sized for the largest variant")
    func enumLayout() {
        let text = ir("E Shape { Tri(f64, f64, i64), Dot(i8), Nothing }\nF main() -> i64 = 0")
        #expect(text.contains("%E.Shape = type { i32, [3 x i64] }"))
    }

    @Test("a hot part holds its own functions and strings only; the host holds the rest")
    func splitParts() throws {
        let source = """
        #[hot]
        F step(x: i64) -> i64 {
            puts("hot text")
            x + 1
        }
        F report(x: i64) { puts("host only text") }
        F main() -> i64 {
            report(step(1))
            0
        }
        """
        let checked = Compiler.check(Compiler.parse(source: Array(source.utf8), path: "/tmp/split.vais"))
        let program = try #require(checked.program, "\(checked.renderedDiagnostics())")
        let part = IREmitter.emitHotPart(program, debugInfo: true)
        #expect(part.ir.contains("define i64 @vais.hot.step("))
        #expect(!part.ir.contains("define void @vais.report("))
        #expect(part.ir.contains("c\"hot text\\00\"") && !part.ir.contains("host only text"))
        #expect(part.hotFunctions.map(\.name) == ["step"])
        let split = IREmitter.emitSplit(program, debugInfo: true)
        #expect(split.hot == part.ir, "a reload's hot part is the launch's hot part")
        #expect(split.host.contains("c\"host only text\\00\"") && !split.host.contains("hot text"))
        #expect(split.host.contains("define void @vais.report("))
    }

    @Test("a hot function's contracts and built-ins live in its hot part, with the message and format they use")
    func hotContracts() throws {
        let source = """
        #[hot]
        #[requires(x >= 0)]
        #[ensures(return > x)]
        F step(x: i64) -> i64 {
            print_i64(load_i64(malloc(8)))
            x + 1
        }
        F main() -> i64 = step(1)
        """
        let checked = Compiler.check(Compiler.parse(source: Array(source.utf8), path: "/tmp/contracts.vais"))
        let program = try #require(checked.program, "\(checked.renderedDiagnostics())")
        let part = IREmitter.emitHotPart(program, debugInfo: false)
        #expect(part.hotFunctions.map(\.name).sorted() == ["step", "step.body"])
        #expect(part.ir.contains("contract violated: requires(x >= 0) of `step` at contracts.vais:2"))
        #expect(part.ir.contains("contract violated: ensures(return > x) of `step` at contracts.vais:3"))
        #expect(part.ir.contains("@printf(ptr @vais.format.i64") && part.ir.contains("@vais.format.i64 = private"))
        let split = IREmitter.emitSplit(program, debugInfo: false)
        #expect(!split.host.contains("contract violated"))
    }
}

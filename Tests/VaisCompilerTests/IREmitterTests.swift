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
}

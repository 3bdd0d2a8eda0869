import Testing
import VaisCompiler

/// A closure bound with untyped parameters takes their types from a later
/// use of the binding: its first call, or where a function type is expected.
@Suite("Closure parameters inferred from later uses")
struct ClosureInferenceTests {
    private func codes(_ source: String) -> [String] {
        Compiler.compile(source: source, path: "t.vais").diagnostics.map(\.code)
    }

    /// The closures the program makes, as `name: type`.
    private func closures(_ source: String) throws -> [String] {
        let result = Compiler.compile(source: source, path: "t.vais")
        let model = try #require(result.program?.model)
        return model.functions.filter { $0.name.contains(".closure") }.map { function in
            "\(function.name): (\(function.parameters.map { model.describe($0) }.joined(separator: ", "))) -> \(model.describe(function.result))"
        }
    }

    @Test("the first call gives the parameters, the body the result; the trial makes no closure of its own")
    func firstCall() throws {
        #expect(try closures("F main() -> i64 {\n f := |x, y: f64| (x as f64) * y\n f(2, 1.5) as i64\n}")
                == ["main.closure0: (i64, f64) -> f64"])
        #expect(try closures("F main() -> i64 {\n k := 1\n f := |x| x + k\n g := |y| y * 2\n g(f(3))\n}")
                == ["main.closure0: (*u8, i64) -> i64", "main.closure1: (i64) -> i64"])
    }

    @Test("a function type expected later fixes the closure: an argument, a return value, a typed place")
    func expectedFunctionType() {
        #expect(codes("F apply(x: i64, g: |i64| -> i64) -> i64 = g(x)\nF main() -> i64 {\n f := |x| x + 1\n apply(2, f)\n}") == [])
        #expect(codes("F make() -> |i64| -> i64 {\n f := |x| x * 2\n f\n}\nF main() -> i64 = 0") == [])
        #expect(codes("S H { f: |i64| -> i64 }\nF main() -> i64 {\n h := mut H { f: |x: i64| x }\n g := |x| x * 2\n h.f = g\n 0\n}") == [])
    }

    @Test("a use inside another closure, or beside another open binding, fixes it too")
    func nestedUses() {
        #expect(codes("F main() -> i64 {\n f := |x| x\n g := |y| f(y) * 2\n g(21)\n}") == [])
        #expect(codes("F main() -> i64 {\n n := mut None\n f := |x| x + 1\n n = Some(f(2))\n M n { Some(v) => v, None => 0 }\n}") == [])
    }

    @Test("never used: E041 naming the parameter; a later call that disagrees is reported at that call")
    func errors() {
        #expect(codes("F main() -> i64 {\n f := |x| x\n 0\n}") == ["E041"])
        #expect(codes("F main() -> i64 {\n f := |x| x\n a := f(1)\n b := f(\"s\")\n a\n}") == ["E003"])
        #expect(codes("F main() -> i64 {\n f := |x| x\n f(1, 2)\n}") == ["E005"])
        #expect(codes("F main() -> i64 {\n f := |x, y| x\n f(1)\n}") == ["E041", "E005"])
    }
}

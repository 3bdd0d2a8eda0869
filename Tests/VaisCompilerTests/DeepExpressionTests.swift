import Foundation
import Testing
import VaisCompiler

/// Expressions as deep or as long as input can make them: the compiler
/// answers with IR or with P017, never with a stack overflow, even on a
/// thread with a small stack (the watcher's, or a test runner's).
@Suite("Deep expressions")
struct DeepExpressionTests {
    /// Compiles on a thread with a 512 KB stack, the smallest a caller of
    /// the compiler may have.
    private func compileOnSmallStack(_ source: String) -> CompileResult {
        final class Outcome: @unchecked Sendable { var result: CompileResult? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Compiler.compile(source: Array(source.utf8), path: "deep.vais")
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        guard let result = outcome.result else { preconditionFailure("the compile thread finished without a result") }
        return result
    }

    private func chain(_ term: String, _ op: String, count: Int) -> String {
        Array(repeating: term, count: count).joined(separator: " \(op) ")
    }

    private func program(body: String) -> String {
        "F f(a: i64, b: bool) -> i64 {\n  x := \(body)\n  0\n}\nF main() -> i64 = f(1, true)\n"
    }

    @Test("a 50,000-term sum and a 50,000-term && chain give P017 at the operator where the limit is passed")
    func longChains() {
        for source in [program(body: chain("a", "+", count: 50_000)), program(body: chain("b", "&&", count: 50_000))] {
            let result = compileOnSmallStack(source)
            #expect(result.diagnostics.map(\.code) == ["P017"])
            let rendered = result.renderedDiagnostics()
            #expect(rendered.contains("deep.vais:2:"))
            #expect(rendered.contains("error[P017]"))
            #expect(rendered.contains("^"))
        }
    }

    @Test("after P017 the parser goes on with the next statement")
    func recovery() {
        let source = "F main() -> i64 {\n  x := " + chain("1", "+", count: 5_000) + "\n  y := nope\n  0\n}\n"
        #expect(compileOnSmallStack(source).diagnostics.map(\.code) == ["P017", "E001"])
    }

    @Test("chains just under the limit compile to IR on a small stack")
    func chainsUnderTheLimit() {
        let terms = 900
        for body in [chain("a", "+", count: terms), chain("b", "&&", count: terms), chain("1", "+", count: terms),
                     chain("a", "*", count: terms / 2) + " + " + chain("a", "-", count: terms / 2)] {
            let result = compileOnSmallStack(program(body: body))
            #expect(result.diagnostics.isEmpty)
            #expect(result.ir != nil)
        }
    }

    @Test("long cast and call chains give P017")
    func postfixAndCastChains() {
        let casts = "a" + String(repeating: " as i64", count: 50_000)
        #expect(compileOnSmallStack(program(body: casts)).diagnostics.map(\.code) == ["P017"])
        let calls = "F g() -> i64 = 1\nF main() -> i64 = g" + String(repeating: "()", count: 50_000) + "\n"
        #expect(compileOnSmallStack(calls).diagnostics.map(\.code) == ["P017"])
    }

    @Test("100,000 nested parentheses or negations give P017")
    func deepNesting() {
        let parens = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(compileOnSmallStack(program(body: parens)).diagnostics.map(\.code) == ["P017"])
        let negations = String(repeating: "-(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        #expect(compileOnSmallStack(program(body: negations)).diagnostics.map(\.code) == ["P017"])
    }

    @Test("chains nested in parentheses add up: each level stays short, the whole is refused")
    func nestedChains() {
        var body = "a"
        for _ in 0..<20 { body = "(" + body + " + " + chain("a", "+", count: 80) + ")" }
        #expect(compileOnSmallStack(program(body: body)).diagnostics.map(\.code) == ["P017"])
    }
}

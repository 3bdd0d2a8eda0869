import Testing
import VaisCompiler
import VaisWorkloads

@Suite("Synthetic benchmark programs")
struct SyntheticProgramTests {
    static let sizes = [1_000, 5_000, 20_000]

    private func lineCount(_ text: String) -> Int {
        text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    @Test("size is within 5% of the requested line count", arguments: sizes)
    func lineCountWithinTolerance(lines: Int) {
        let text = SyntheticProgram.source(lines: lines)
        let count = lineCount(text)
        #expect(abs(count - lines) * 20 <= lines, "asked for \(lines) lines, got \(count)")
        #expect(text.hasSuffix("}\n"))
    }

    @Test("a request below the minimum gives the minimal program")
    func minimumSize() {
        let minimum = SyntheticProgram.minimumLines(hotFunctions: 4)
        #expect(minimum > 0 && minimum < 200)
        #expect(lineCount(SyntheticProgram.source(lines: 1)) == minimum)
        #expect(lineCount(SyntheticProgram.source(lines: minimum + 37)) == minimum + 37)
    }

    @Test("the same arguments give the same text; another seed another text")
    func determinism() {
        let first = SyntheticProgram.source(lines: 5_000, hotFunctions: 4, seed: 42)
        let second = SyntheticProgram.source(lines: 5_000, hotFunctions: 4, seed: 42)
        #expect(first == second)
        #expect(SyntheticProgram.source(lines: 5_000, hotFunctions: 4, seed: 43) != first)
    }

    @Test("hotFunctions sets the number of #[hot] functions", arguments: [0, 1, 4, 7])
    func hotFunctionCount(hot: Int) {
        let text = SyntheticProgram.source(lines: 1_000, hotFunctions: hot, seed: 3)
        let marked = text.split(separator: "\n").filter { $0 == "#[hot]" }.count
        #expect(marked == hot)
    }

    @Test("the compiler accepts it without diagnostics", arguments: sizes)
    func compilesCleanly(lines: Int) {
        let source = SyntheticProgram.source(lines: lines)
        let options = CompileOptions(debugInfo: false, requireMain: true, standardLibrary: nil)
        let result = Compiler.compile(source: source, path: "synthetic_\(lines).vais", options: options)
        #expect(!result.hasErrors)
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        #expect(result.ir != nil)
    }

    @Test("other seeds and hot counts compile too", arguments: [(2 as UInt64, 0), (7, 1), (99, 9), (123_456_789, 4)])
    func otherSeedsCompile(seed: UInt64, hot: Int) {
        let source = SyntheticProgram.source(lines: 2_000, hotFunctions: hot, seed: seed)
        let result = Compiler.compile(source: source, path: "synthetic_seed\(seed).vais",
                                      options: CompileOptions(debugInfo: false, requireMain: true, standardLibrary: nil))
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
    }

    @Test("the generic program is as long as asked and compiles without a diagnostic", arguments: [1_000, 5_000])
    func genericProgram(lines: Int) {
        let text = SyntheticGenericProgram.source(lines: lines)
        #expect(lineCount(text) == lines)
        let result = Compiler.compile(source: text, path: "generic.vais")
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        #expect(result.ir != nil)
    }
}

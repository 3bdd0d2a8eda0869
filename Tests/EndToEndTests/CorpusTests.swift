import Foundation
import Testing
import TestSupport
import VaisCompiler
import VaisSyntax

@Suite("Conformance corpus")
struct CorpusTests {
    @Test("programs that must run", .timeLimit(.minutes(10)), arguments: Repository.vaisFiles(in: "run"))
    func runs(_ name: String) throws {
        let path = Repository.corpus.appendingPathComponent("run/\(name)").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let expectedOutput = try String(contentsOfFile: path.replacingOccurrences(of: ".vais", with: ".out"), encoding: .utf8)
        let expectedExit = Int32(Repository.header("exit", in: source).first ?? "0") ?? -1
        let scratch = try ScratchDirectory("run")
        let run = try ProgramRunner.buildAndRun(path, in: scratch)
        #expect(run.clangOutput.isEmpty, "clang warned about the generated IR:\n\(run.clangOutput)")
        #expect(run.stdout == expectedOutput)
        #expect(run.exitCode == expectedExit)
    }

    @Test("programs that must fail", arguments: Repository.vaisFiles(in: "fail"))
    func fails(_ name: String) throws {
        let path = Repository.corpus.appendingPathComponent("fail/\(name)").path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = Repository.header("expect", in: String(decoding: bytes, as: UTF8.self)).sorted()
        #expect(!expected.isEmpty, "\(name) names no expected diagnostic")
        let result = Compiler.compile(path: path, options: CompileOptions(standardLibrary: Repository.standardLibrary))
        let renderer = DiagnosticRenderer(sources: result.sources)
        let reported = result.diagnostics.filter(\.isError).map { diagnostic in
            let location = renderer.location(of: diagnostic)
            return "\(diagnostic.code) \(location.line):\(location.column)"
        }.sorted()
        #expect(result.hasErrors)
        #expect(result.ir == nil)
        #expect(reported == expected, "\(result.renderedDiagnostics())")
    }

    @Test("the corpus is as large as the issue asks")
    func corpusSize() {
        #expect(Repository.vaisFiles(in: "run").count >= 80)
        #expect(Repository.vaisFiles(in: "fail").count >= 30)
    }
}

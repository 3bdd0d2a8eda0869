import Foundation
import Testing
import VaisCompiler

@Suite("Examples")
struct ExampleTests {
    static let runnable = ["game", "hot_reload_simple"]

    @Test("examples build and print what they should", .timeLimit(.minutes(2)), arguments: runnable)
    func example(_ name: String) throws {
        let path = Repository.root.appendingPathComponent("examples/\(name).vais").path
        let expected = try String(contentsOfFile: Repository.root.appendingPathComponent("Tests/Examples/\(name).out").path, encoding: .utf8)
        let scratch = try ScratchDirectory(name)
        let run = try ProgramRunner.buildAndRun(path, in: scratch, debugInfo: true)
        #expect(run.clangOutput.isEmpty)
        #expect(run.stdout == expected)
        #expect(run.exitCode == 0)
    }

    @Test("game.vais is a real game: long enough, with several hot functions")
    func gameShape() throws {
        let path = Repository.root.appendingPathComponent("examples/game.vais").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        #expect(source.split(separator: "\n", omittingEmptySubsequences: false).count >= 300)
        let result = Compiler.compile(path: path, options: CompileOptions(standardLibrary: Repository.standardLibrary))
        #expect(!result.hasErrors)
        #expect((result.program?.model.hotFunctions.count ?? 0) >= 4)
    }

    @Test("the advanced example checks against std/hot")
    func advancedChecks() {
        let path = Repository.root.appendingPathComponent("examples/hot_reload_advanced.vais").path
        let result = Compiler.compile(path: path, options: CompileOptions(standardLibrary: Repository.standardLibrary))
        #expect(!result.hasErrors, "\(result.renderedDiagnostics())")
        #expect(result.sources.files.contains { $0.path.hasSuffix("std/hot.vais") })
    }
}

import Foundation
import Testing
import TestSupport
import VaisCompiler

@Suite("Examples")
struct ExampleTests {
    static let runnable = ["game", "hot_reload_simple", "particles"]

    @Test("examples build and print what they should", .timeLimit(.minutes(10)), arguments: runnable)
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
        let model = try Self.longExample("game")
        #expect(model.hotFunctions.count >= 4)
    }

    /// The model of `examples/NAME.vais`, which must be 300 lines or more
    /// and compile.
    static func longExample(_ name: String) throws -> SemanticModel {
        let path = Repository.root.appendingPathComponent("examples/\(name).vais").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        #expect(source.split(separator: "\n", omittingEmptySubsequences: false).count >= 300)
        let result = Compiler.compile(path: path, options: CompileOptions(standardLibrary: Repository.standardLibrary))
        #expect(!result.hasErrors, "\(result.renderedDiagnostics())")
        return try #require(result.program?.model)
    }

    @Test("particles.vais is tier-2 Vais: long enough, several hot functions, closures made in hot code")
    func particlesShape() throws {
        let model = try Self.longExample("particles")
        #expect(model.hotFunctions.filter { !model.function($0).name.contains(".closure") }.count >= 5)
        // The wind closure is made in hot code and captures its strength.
        let wind = try #require(model.hotFunctions.first { model.function($0).name == "wind_field.closure0" })
        #expect(model.hasEnvironment(wind))
        #expect(!model.deferredStatements.isEmpty)
    }

    @Test("the advanced example runs under vais-hot run and prints what it should", .timeLimit(.minutes(10)))
    func advancedRunsHot() throws {
        let path = Repository.root.appendingPathComponent("examples/hot_reload_advanced.vais").path
        let expected = try String(contentsOfFile: Repository.root.appendingPathComponent("Tests/Examples/hot_reload_advanced.out").path, encoding: .utf8)
        let scratch = try ScratchDirectory("advanced")
        let program = try LiveProgram(executable: Repository.executable,
                                      arguments: ["run", path, "--build-dir", scratch.path("build"), "--std", Repository.standardLibrary],
                                      directory: Repository.root)
        #expect(program.waitForExit() == 0)
        #expect(program.lines.joined(separator: "\n") + "\n" == expected)
    }
}

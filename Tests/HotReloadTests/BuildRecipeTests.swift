import Foundation
import HotReload
import Testing
import VaisCompiler

/// The one value every use case builds a program by.
@Suite("Build recipe")
struct BuildRecipeTests {
    @Test("the root file is resolved once: absolute, without `.` and `..`, named after the file")
    func resolvedOnce() {
        let recipe = BuildRecipe(source: "examples/./sub/../game.vais", compileOptions: CompileOptions(debugInfo: true), optimization: 2)
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("examples/game.vais").path
        #expect(recipe.sourcePath == expected)
        #expect(recipe.programName == "game")
        let copy = recipe.building("/tmp/work/../copy/game.vais")
        #expect(copy.sourcePath == "/tmp/copy/game.vais")
        #expect(copy.optimization == 2 && copy.compileOptions.debugInfo)
    }

    @Test("the command line's recipe takes the std folder given, and asks for no profiling counters")
    func commandLineRecipe() {
        let recipe = BuildRecipe(source: "/tmp/prog.vais", standardLibrary: "/opt/std", debugInfo: true, optimization: 1)
        #expect(recipe.compileOptions.standardLibrary == "/opt/std")
        #expect(recipe.compileOptions.debugInfo && recipe.optimization == 1)
        #expect(!recipe.compileOptions.profilingCounters)
    }
}

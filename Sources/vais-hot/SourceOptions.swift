import ArgumentParser
import Foundation
import HotReload
import VaisCompiler

/// Options every command that reads Vais source shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("std"), help: "The folder `U std/...` imports come from (default: VAIS_STD, or the nearest std/ above the source).")
    var standardLibrary: String?

    /// The one recipe a command builds `source` by.
    func recipe(for source: String, debugInfo: Bool = false, optimization: Int = 0) -> BuildRecipe {
        var recipe = BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: debugInfo), optimization: optimization)
        recipe.compileOptions.standardLibrary = standardLibrary ?? StandardLibrary.locate(forSource: recipe.sourcePath)
        return recipe
    }
}

enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}

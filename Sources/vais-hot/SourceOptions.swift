import ArgumentParser
import VaisHotApp

/// Options every command that reads Vais source shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("std"), help: "The folder `U std/...` imports come from (default: VAIS_STD, or the nearest std/ above the source).")
    var standardLibrary: String?

    /// The one recipe a command builds `source` by.
    func recipe(for source: String, debugInfo: Bool = false, optimization: Int = 0) -> BuildRecipe {
        BuildRecipe(source: source, standardLibrary: standardLibrary, debugInfo: debugInfo, optimization: optimization)
    }
}

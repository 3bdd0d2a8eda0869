import ArgumentParser
import VaisHotApp

/// Options every command that reads Vais source shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("std"), help: "The folder `U std/...` imports come from (default: VAIS_STD, or the nearest std/ above the source).")
    var standardLibrary: String?

    @Flag(name: .customLong("lenient-mutability"),
          help: "Accept assignments to bindings declared without `mut`, as the original compiler does, with a warning (W001) each.")
    var lenientMutability = false

    /// The one recipe a command builds `source` by.
    func recipe(for source: String, debugInfo: Bool = false, optimization: Int = 0) -> BuildRecipe {
        var recipe = BuildRecipe(source: source, standardLibrary: standardLibrary, debugInfo: debugInfo, optimization: optimization)
        recipe.compileOptions.lenientMutability = lenientMutability
        return recipe
    }
}

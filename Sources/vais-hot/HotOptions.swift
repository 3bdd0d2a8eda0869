import ArgumentParser
import VaisHotApp

/// Options of the commands that run a program hot.
struct HotOptions: ParsableArguments {
    @Option(name: .customLong("debounce-ms"), help: "How long to wait for more changes after one is seen; a finished save ends the wait early.")
    var debounceMilliseconds = 100

    @Option(name: .customLong("keep-versions"), help: "How many versions stay loaded, the current one included, for rollback.")
    var retainedVersions = 3

    @Option(name: .customLong("build-dir"), help: "Where the private build directory of the running program is made.")
    var buildDirectory = "build/vais-hot"

    @Option(name: .customLong("watchdog-seconds"),
            help: "How long hot code may run past a newer version being ready before a hot_loop iteration is interrupted (or, outside hot_loop, reported).")
    var watchdogSeconds = 2.0

    @Option(name: .customLong("spare-slots"),
            help: "How many functions added while the program runs may be used as values (a new closure, a new function passed as a value); the host reserves a slot and a stub for each.")
    var spareSlots = defaultSpareSlots

    @OptionGroup var optimization: OptimizationOption

    @Flag(name: .customLong("debug-info"), inversion: .prefixedNo,
          help: "Build every version with DWARF line tables, so crashes and traces name file.vais:line (on by default; it costs clang no measurable time).")
    var debugInfo = true

    func validate() throws {
        guard debounceMilliseconds >= 0 else { throw ValidationError("--debounce-ms cannot be negative") }
        guard retainedVersions >= 1 else { throw ValidationError("--keep-versions must be at least 1") }
        guard watchdogSeconds > 0 else { throw ValidationError("--watchdog-seconds must be positive") }
        guard spareSlots >= 0 else { throw ValidationError("--spare-slots cannot be negative") }
    }

    func recipe(for file: String, source: SourceOptions) -> BuildRecipe {
        var recipe = source.recipe(for: file, debugInfo: debugInfo, optimization: optimization.level)
        recipe.compileOptions.spareSlots = spareSlots
        return recipe
    }

    var configuration: ReloaderConfiguration {
        ReloaderConfiguration(buildRoot: buildDirectory, retainedVersions: retainedVersions, debounceMilliseconds: debounceMilliseconds,
                               watchdogSeconds: watchdogSeconds)
    }
}

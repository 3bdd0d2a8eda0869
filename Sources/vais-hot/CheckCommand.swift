import ArgumentParser
import VaisHotApp

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every diagnostic in a program without building it."
    )

    @Argument(help: "The .vais files to check.")
    var files: [String]

    @OptionGroup var source: SourceOptions

    @Flag(name: .customLong("timings"), help: "Print how long reading and parsing, checking and IR emission took.")
    var timings = false

    @Option(name: .customLong("repeat"), help: "With --timings: compile each file this many times and print the median of each phase.")
    var repetitions = 1

    @Option(name: .customLong("threads"), help: "How many threads may lower functions to IR (default: as many as pay off).")
    var loweringThreads: Int?

    func validate() throws {
        guard repetitions >= 1 else { throw ValidationError("--repeat needs at least 1") }
        if let loweringThreads, loweringThreads < 1 { throw ValidationError("--threads needs at least 1") }
    }

    func run() throws {
        let recipes = files.map { file in
            var recipe = source.recipe(for: file)
            recipe.compileOptions.loweringThreads = loweringThreads
            return recipe
        }
        try perform { try CheckProgram.run(recipes, timingRounds: timings ? repetitions : nil) }
    }
}

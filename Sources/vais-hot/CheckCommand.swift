import ArgumentParser
import Foundation
import Profiling
import VaisCompiler

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
        var failed = false
        for file in files {
            var recipe = source.recipe(for: file)
            recipe.compileOptions.loweringThreads = loweringThreads
            let options = recipe.compileOptions
            var phases: [[UInt64]] = [[], [], [], []]
            var outcome: (parsed: ParsedProgram, result: CompileResult)?
            for round in 0..<(timings ? repetitions + 1 : 1) {
                // Freeing the previous round's tree, model and IR is part of what a compile costs.
                let (_, freeTime) = MonotonicClock.measure { outcome = nil }
                let (parsed, parseTime) = MonotonicClock.measure { Compiler.parse(path: recipe.sourcePath, options: options) }
                let (checked, checkTime) = MonotonicClock.measure { Compiler.check(parsed, options: options) }
                let (result, emitTime) = MonotonicClock.measure { Compiler.emit(checked, options: options) }
                if round > 0 { phases[3].append(freeTime) }
                if round < repetitions { for (index, time) in [parseTime, checkTime, emitTime].enumerated() { phases[index].append(time) } }
                outcome = (parsed, result)
            }
            guard let (parsed, result) = outcome else { continue }
            if timings {
                let lines = parsed.sources.files.reduce(0) { $0 + $1.lineStarts.count }
                let medians = phases.map { Double($0.sorted()[$0.count / 2]) / 1e6 }
                let kind = repetitions > 1 ? "medians of \(repetitions)" : "one run"
                Terminal.error(String(format: "%@: %d lines (%@): parse %.2f ms, check %.2f ms, IR %.2f ms, freeing %.2f ms; front end %.2f ms",
                                      file, lines, kind, medians[0], medians[1], medians[2], medians[3], medians.reduce(0, +)))
            }
            if !result.diagnostics.isEmpty {
                Terminal.error(result.renderedDiagnostics(color: Terminal.stderrIsTerminal))
            }
            let errors = result.diagnostics.filter(\.isError).count
            if errors > 0 {
                failed = true
                Terminal.error("\(file): \(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

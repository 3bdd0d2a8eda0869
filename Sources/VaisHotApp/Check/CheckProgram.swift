import Foundation
import HotReload
import SystemProbes
import VaisCompiler

/// `vais-hot check`: every diagnostic of a program without building it;
/// with timings, how long each phase of the front end took.
public enum CheckProgram {
    /// Checks each recipe's program, printing its diagnostics (and, with
    /// `timingRounds`, the median time of each phase over that many
    /// compiles). Throws when any program has an error.
    public static func run(_ recipes: [BuildRecipe], timingRounds: Int?) throws {
        var failed = false
        for recipe in recipes {
            let result = compile(recipe, timingRounds: timingRounds)
            if !result.diagnostics.isEmpty {
                Terminal.error(result.renderedDiagnostics(color: Terminal.stderrIsTerminal))
            }
            let errors = result.diagnostics.filter(\.isError).count
            if errors > 0 {
                failed = true
                Terminal.error("\(recipe.shownSourcePath): \(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        if failed { throw CommandExit(nil) }
    }

    /// One compile, or `timingRounds` timed ones (after a warm-up) with
    /// their medians printed.
    private static func compile(_ recipe: BuildRecipe, timingRounds: Int?) -> CompileResult {
        let options = recipe.compileOptions
        let repetitions = timingRounds ?? 1
        var phases: [[UInt64]] = [[], [], [], []]
        var outcome: CompileResult?
        for round in 0..<(timingRounds == nil ? 1 : repetitions + 1) {
            // Freeing the previous round's tree, model and IR is part of what a compile costs.
            let (_, freeTime) = MonotonicClock.measure { outcome = nil }
            var (parsed, parseTime) = MonotonicClock.measure { Optional(Compiler.parse(path: recipe.sourcePath, options: options)) }
            // Handed over, not copied: the checker then grows the tree in place, as in `Compiler.compile`.
            let (checked, checkTime) = MonotonicClock.measure { Compiler.check(parsed.take()!, options: options) }
            let (result, emitTime) = MonotonicClock.measure { Compiler.emit(checked, options: options) }
            if round > 0 { phases[3].append(freeTime) }
            if round < repetitions { for (index, time) in [parseTime, checkTime, emitTime].enumerated() { phases[index].append(time) } }
            outcome = result
        }
        guard let result = outcome else { preconditionFailure("at least one round runs") }
        if timingRounds != nil {
            let lines = result.sources.files.reduce(0) { $0 + $1.lineStarts.count }
            let medians = phases.map { Double($0.sorted()[$0.count / 2]) / 1e6 }
            let kind = repetitions > 1 ? "medians of \(repetitions)" : "one run"
            Terminal.error(String(format: "%@: %d lines (%@): parse %.2f ms, check %.2f ms, IR %.2f ms, freeing %.2f ms; front end %.2f ms",
                                  recipe.sourcePath, lines, kind, medians[0], medians[1], medians[2], medians[3], medians.reduce(0, +)))
        }
        return result
    }
}

import ArgumentParser
import Foundation
import HotReload
import PipelineBench
import Profiling
import Reporting

extension BenchFormat: ExpressibleByArgument {}

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure compile, load, lookup, swap, memory and call costs; compare with a baseline and fail on a regression.",
        discussion: """
        Instruction counts (under valgrind) and sizes are compared as measured; wall times that depend on the \
        machine are compared as ratios to references measured in the same run, or only reported. Exit codes: \
        0 fine, 2 a metric regressed against --baseline (worse than its threshold, and its interquartile range \
        clear of the baseline's; a noisy metric in a second run made to confirm it too), 1 the bench itself failed.
        """
    )

    @Option(help: "quick (for CI, well under 3 minutes) or full.")
    var suite: String = "quick"

    @Option(help: "Write the run's JSON here.")
    var out: String?

    @Option(help: "A bench JSON to compare with (reports/baseline.json in CI).")
    var baseline: String?

    @Option(help: "How to print the results: table, markdown or json.")
    var format: BenchFormat = .table

    @Option(name: .customLong("github-benchmark"), help: "Also write the [{name, unit, value, range}] array github-action-benchmark reads.")
    var githubBenchmark: String?

    @Option(help: "The program whose reloads are measured.")
    var game: String = "examples/game.vais"

    @Option(name: .customLong("run"), help: "Compare this stored run with --baseline instead of measuring.")
    var storedRun: String?

    @Flag(inversion: .prefixedNo, help: "When a metric regressed, measure the suite again and count only the metrics that regressed both times.")
    var confirm = true

    @OptionGroup var source: SourceOptions

    func validate() throws {
        guard BenchRunner.Suite(rawValue: suite) != nil else { throw ValidationError("--suite is quick or full") }
        if storedRun != nil, baseline == nil { throw ValidationError("--run needs --baseline to compare with") }
    }

    func run() throws {
        // Ctrl-C, SIGTERM or SIGHUP: remove build directories, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        // Read the baseline first: a bad path should fail before minutes of measuring.
        let old: BenchDocument?
        do {
            old = try baseline.map { try BenchFile.read(URL(fileURLWithPath: $0)) }
        } catch {
            Terminal.error("error: \(FileFailure.oneLine(error))")
            throw ExitCode(BenchExitCode.benchFailed)
        }
        var document: BenchDocument
        if let storedRun {
            do {
                document = try BenchFile.read(URL(fileURLWithPath: storedRun))
            } catch {
                Terminal.error("error: \(FileFailure.oneLine(error))")
                throw ExitCode(BenchExitCode.benchFailed)
            }
        } else {
            document = try measure(requireInstructionCounts: old?.metrics.contains { $0.gate == .instructions } ?? false)
        }
        // A run written with --out may become the next baseline: it keeps the thresholds.
        document.thresholds = old?.thresholds ?? document.thresholds
        var comparison = old.map { BenchComparison(run: document, baseline: $0) }
        if let first = comparison, let old, first.regressionNeedsConfirming, confirm, storedRun == nil {
            Terminal.error("regressed: \(first.regressed.map(\.name).joined(separator: ", ")); measuring again, in a fresh process, to confirm")
            document = try measureInFreshProcess()
            document.thresholds = old.thresholds ?? document.thresholds
            comparison = BenchComparison(run: document, baseline: old).confirmed(by: first)
        }
        do {
            // With a baseline, the run keeps the comparison, so its HTML shows these very verdicts; a run
            // recorded as the baseline itself (`make baseline`) stays lean.
            if let out {
                let recordsBaseline = URL(fileURLWithPath: out).standardizedFileURL == baseline.map { URL(fileURLWithPath: $0).standardizedFileURL }
                try BenchFile.write(recordsBaseline ? document : comparison?.runWithVerdicts ?? document, to: URL(fileURLWithPath: out))
            }
            if let githubBenchmark {
                try BenchFormats.githubActionBenchmark(document).write(to: URL(fileURLWithPath: githubBenchmark))
            }
            print(try BenchFormats.render(document, comparison: comparison, as: format), terminator: "")
        } catch {
            Terminal.error("error: \(FileFailure.oneLine(error))")
            throw ExitCode(BenchExitCode.benchFailed)
        }
        if let comparison, comparison.hasRegression {
            Terminal.error(comparison.summary)
            throw ExitCode(comparison.exitCode)
        }
    }
}

extension BenchCommand {
    /// Runs the suite, with a live progress line.
    private func measure(requireInstructionCounts: Bool) throws -> BenchDocument {
        let settings = BenchRunner.Settings(suite: BenchRunner.Suite(rawValue: suite) ?? .quick,
                                            game: source.recipe(for: game),
                                            workFolder: FileManager.default.temporaryDirectory.appendingPathComponent("vais-hot-bench-\(getpid())").path,
                                            requireInstructionCounts: requireInstructionCounts)
        let progress = StatusLine()
        defer { progress.finish() }
        let start = Date()
        do {
            return try BenchRunner(settings: settings) { step in
                progress.show(String(format: "[bench %5.1f s] %@", Date().timeIntervalSince(start), step))
            }.run()
        } catch {
            Terminal.error("error: the bench failed: \(FileFailure.oneLine(error))")
            throw ExitCode(BenchExitCode.benchFailed)
        }
    }
}

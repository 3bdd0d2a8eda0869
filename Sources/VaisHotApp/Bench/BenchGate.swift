import Documents
import Foundation
import HotReload
import Reporting

/// `vais-hot bench`: measures the suite (or reads a stored run), compares
/// it with a baseline, confirms a regression that may be noise by
/// measuring again in a fresh process, writes the files asked for and
/// prints the results. The policy of the CI gate (docs/BENCHMARKING.md).
public struct BenchGate {
    public var suite: BenchRunner.Suite
    /// The program whose reloads are measured.
    public var game: BuildRecipe
    /// Where the run's JSON goes.
    public var out: String?
    /// A bench JSON to compare with.
    public var baseline: String?
    public var format: BenchFormat
    /// Where the array github-action-benchmark reads goes.
    public var githubBenchmark: String?
    /// A stored run to compare instead of measuring.
    public var storedRun: String?
    /// Whether a regression that may be noise is measured again.
    public var confirm: Bool

    public init(suite: BenchRunner.Suite, game: BuildRecipe, out: String?, baseline: String?, format: BenchFormat, githubBenchmark: String?,
                storedRun: String?, confirm: Bool) {
        self.suite = suite
        self.game = game
        self.out = out
        self.baseline = baseline
        self.format = format
        self.githubBenchmark = githubBenchmark
        self.storedRun = storedRun
        self.confirm = confirm
    }

    /// Throws a `CommandExit` with `BenchExitCode.regression` when a
    /// metric regressed, `.benchFailed` when the bench itself failed.
    public func run() throws {
        // Ctrl-C, SIGTERM or SIGHUP: remove build directories, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        // Read the baseline first: a bad path should fail before minutes of measuring.
        let old = try failingTheBench { try baseline.map { try BenchFile.read(URL(fileURLWithPath: $0)) } }
        var document = try storedRun.map { path in try failingTheBench { try BenchFile.read(URL(fileURLWithPath: path)) } }
            ?? measure(requireInstructionCounts: old?.metrics.contains { $0.gate == .instructions } ?? false)
        // A run written with --out may become the next baseline: it keeps the thresholds.
        document.thresholds = old?.thresholds ?? document.thresholds
        var comparison = old.map { BenchComparison(run: document, baseline: $0) }
        if let first = comparison, let old, first.regressionNeedsConfirming, confirm, storedRun == nil {
            Terminal.error("regressed: \(first.regressed.map(\.name).joined(separator: ", ")); measuring again, in a fresh process, to confirm")
            document = try measureInFreshProcess()
            document.thresholds = old.thresholds ?? document.thresholds
            comparison = BenchComparison(run: document, baseline: old).confirmed(by: first)
        }
        try failingTheBench { try write(document, comparison: comparison) }
        if let comparison, comparison.hasRegression { throw CommandExit(comparison.summary, code: comparison.exitCode) }
    }

    /// With a baseline, the run keeps the comparison, so its HTML shows these very verdicts; a run
    /// recorded as the baseline itself (`make baseline`) stays lean.
    private func write(_ document: BenchDocument, comparison: BenchComparison?) throws {
        if let out {
            let recordsBaseline = URL(fileURLWithPath: out).standardizedFileURL == baseline.map { URL(fileURLWithPath: $0).standardizedFileURL }
            try BenchFile.write(recordsBaseline ? document : comparison?.runWithVerdicts ?? document, to: URL(fileURLWithPath: out))
        }
        if let githubBenchmark {
            try BenchFormats.githubActionBenchmark(document).write(to: URL(fileURLWithPath: githubBenchmark))
        }
        print(try BenchFormats.render(document, comparison: comparison, as: format), terminator: "")
    }

    /// Runs the suite, with a live progress line.
    private func measure(requireInstructionCounts: Bool) throws -> BenchDocument {
        let settings = BenchRunner.Settings(suite: suite, game: game,
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
            throw CommandExit("error: the bench failed: \(FileFailure.oneLine(error))", code: BenchExitCode.benchFailed)
        }
    }

    /// `body`, whose failure (a file that cannot be read or written) fails the bench.
    private func failingTheBench<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CommandExit("error: \(FileFailure.oneLine(error))", code: BenchExitCode.benchFailed)
        }
    }
}

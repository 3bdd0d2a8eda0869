import ArgumentParser
import VaisHotApp

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
        let gate = BenchGate(suite: BenchRunner.Suite(rawValue: suite) ?? .quick, game: source.recipe(for: game), out: out, baseline: baseline,
                             format: format, githubBenchmark: githubBenchmark, storedRun: storedRun, confirm: confirm)
        try perform { try gate.run() }
    }
}

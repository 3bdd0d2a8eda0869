import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("Bench comparison")
struct BenchComparisonTests {
    /// A reference of median 1 ns, so a ratio equals the time it divides.
    private static let unitReference = BenchMetric(name: "reference/unit", kind: .time, unit: "ns", median: 1, p25: 1, p75: 1, p95: 1, count: 9)

    /// A metric; a time is gated as a ratio to `unitReference` unless told otherwise.
    private func metric(_ name: String = "m", kind: BenchMetric.Kind = .time, median: Double, p25: Double, p75: Double,
                        smallerIsBetter: Bool = true, gate: BenchMetric.Gate? = nil) -> BenchMetric {
        let gate = gate ?? (kind == .time ? .ratio : BenchMetric.defaultGate(for: kind))
        return BenchMetric(name: name, kind: kind, unit: BenchMetric.unit(of: kind), smallerIsBetter: smallerIsBetter, median: median, p25: p25,
                           p75: p75, p95: p75 * 1.1, count: 15, gate: gate, reference: gate == .ratio ? Self.unitReference.name : nil)
    }

    /// A run of `metrics` and the unit reference.
    private func run(_ metrics: [BenchMetric], thresholds: [String: Double]? = nil) -> BenchDocument {
        var document = SampleBench.make()
        document.metrics = metrics + [Self.unitReference]
        document.thresholds = thresholds
        return document
    }

    /// The entry of the one metric that is not the unit reference.
    private func only(_ comparison: BenchComparison) throws -> BenchComparison.Entry {
        let entries = comparison.entries.filter { $0.name != Self.unitReference.name }
        try #require(entries.count == 1)
        return entries[0]
    }

    @Test("a run compared with itself: every gated metric unchanged, the others reported, no regression, exit 0")
    func selfCompare() {
        let document = SampleBench.make()
        let comparison = BenchComparison(run: document, baseline: document)
        #expect(comparison.entries.count == document.metrics.count)
        #expect(comparison.entries.allSatisfy { $0.changePercent == 0 })
        #expect(Set(comparison.reported.map(\.name)) == Set(SampleBench.referenceNames + SampleBench.reportedNames))
        #expect(Set(comparison.unchanged.map(\.name)) == Set(SampleBench.ratioNames + SampleBench.instructionNames + SampleBench.bytesNames))
        #expect(!comparison.hasRegression)
        #expect(comparison.exitCode == 0)
        #expect(comparison.missing.isEmpty && comparison.added.isEmpty && comparison.problems.isEmpty)
    }

    @Test("two runs of the same code with different noise do not regress")
    func noise() {
        let comparison = BenchComparison(run: SampleBench.make(seed: 99), baseline: SampleBench.make(seed: 11))
        #expect(!comparison.hasRegression, "\(comparison.regressed.map(\.name))")
        #expect(comparison.exitCode == 0)
    }

    @Test("the same code on a machine twice as slow (every wall time doubled, every count the same): nothing regresses, exit 0")
    func slowerMachine() {
        let baseline = SampleBench.make()
        let comparison = BenchComparison(run: SampleBench.scalingTimes(SampleBench.make(seed: 12), by: 2), baseline: baseline)
        #expect(!comparison.hasRegression, "\(comparison.regressed.map(\.name))")
        #expect(comparison.exitCode == 0)
        // The measured times did double, and say so.
        let dlopen = comparison.entries.first { $0.name == "reload/dlopen" }
        #expect((dlopen?.rawChangePercent ?? 0) > 60)
        #expect(abs(dlopen?.changePercent ?? 100) < 30)
        // Nor does a machine three times faster improve anything.
        #expect(BenchComparison(run: SampleBench.scalingTimes(baseline, by: 1.0 / 3), baseline: baseline).improved.isEmpty)
    }

    @Test("front-end instruction counts 10% higher than the baseline's: exactly those regress, exit 2")
    func moreInstructions() {
        let run = SampleBench.make()
        let frontEnd = SampleBench.instructionNames.filter { $0.contains("front end") }
        let baseline = SampleBench.scaling(run, by: 0.9) { frontEnd.contains($0.name) }
        let comparison = BenchComparison(run: run, baseline: baseline)
        #expect(Set(comparison.regressed.map(\.name)) == Set(frontEnd))
        #expect(comparison.exitCode == 2)
        #expect(comparison.regressed.allSatisfy { $0.thresholdPercent == BenchComparison.defaultInstructionsThresholdPercent })
        // A deterministic count needs no second run to be believed.
        #expect(!comparison.regressionNeedsConfirming)
        // 2% more is within the threshold.
        let slightly = SampleBench.scaling(run, by: 0.98) { frontEnd.contains($0.name) }
        #expect(!BenchComparison(run: run, baseline: slightly).hasRegression)
    }

    @Test("vais-hot's own wall times three times slower on the same machine: exactly the ratio-gated ones regress")
    func codeThreeTimesSlower() {
        let run = SampleBench.make()
        let comparison = BenchComparison(run: run, baseline: SampleBench.scalingCodeTimes(run, by: 1.0 / 3))
        #expect(comparison.exitCode == 2)
        #expect(Set(comparison.regressed.map(\.name)) == Set(SampleBench.ratioNames))
        #expect(Set(comparison.reported.map(\.name)) == Set(SampleBench.referenceNames + SampleBench.reportedNames))
        for entry in comparison.regressed {
            #expect(abs((entry.changePercent ?? 0) - 200) < 0.001, "\(entry.name)")
            #expect(entry.worsePercent > 199)
        }
        #expect(comparison.regressionNeedsConfirming)
    }

    @Test("the other way round, every ratio-gated timing improved and nothing fails")
    func codeThreeTimesFaster() {
        let run = SampleBench.make()
        let comparison = BenchComparison(run: SampleBench.scalingCodeTimes(run, by: 1.0 / 3), baseline: run)
        #expect(Set(comparison.improved.map(\.name)) == Set(SampleBench.ratioNames))
        #expect(comparison.exitCode == 0)
    }

    @Test("the baseline's gate decides: a run that would gate a metric otherwise is compared the baseline's way, and told")
    func baselineGateWins() throws {
        let old = metric("reload/dlopen", median: 100, p25: 95, p75: 105)
        let reported = metric("reload/dlopen", median: 300, p25: 290, p75: 310, gate: .reported)
        let comparison = BenchComparison(run: run([reported]), baseline: run([old]))
        #expect(try only(comparison).verdict == .regressed)
        #expect(comparison.problems.contains(.gateChanged(metric: "reload/dlopen", baseline: .ratio, run: .reported)))
        // Without the reference in the run, a ratio cannot be formed: not compared, and said why.
        var lacking = run([metric("reload/dlopen", median: 300, p25: 290, p75: 310)])
        lacking.metrics.removeAll { $0.name == Self.unitReference.name }
        let missingReference = BenchComparison(run: lacking, baseline: run([old]))
        #expect(missingReference.entries.isEmpty)
        #expect(missingReference.problems.contains(.referenceMissing(metric: "reload/dlopen", reference: Self.unitReference.name, inBaseline: false)))
        #expect(missingReference.exitCode == 0)
    }

    @Test("a schema-1 document (no gates) reads with each kind's default gate: its wall times are only reported")
    func schemaOneDefaults() throws {
        let json = """
        {"name": "reload/dlopen", "kind": "time", "unit": "ns", "smallerIsBetter": true, "median": 5, "p25": 4, "p75": 6, "p95": 7, "count": 3}
        """
        let decoded = try JSONDecoder().decode(BenchMetric.self, from: Data(json.utf8))
        #expect(decoded.gate == .reported && decoded.reference == nil)
    }

    @Test("a median worse by more than the threshold whose IQR still overlaps the baseline's is unchanged")
    func overlappingRanges() throws {
        let old = metric(median: 100, p25: 80, p75: 140)
        let new = metric(median: 165, p25: 120, p75: 200)  // +65 % > 50 %, but 120 < 140
        let entry = try only(BenchComparison(run: run([new]), baseline: run([old])))
        #expect(entry.verdict == .unchanged)
        #expect(entry.rangesOverlap)
        #expect(BenchFormats.note(entry) == "ranges overlap; measured +65.0%")
        // Apart, the same median regresses.
        let apart = metric(median: 165, p25: 141, p75: 200)
        #expect(try only(BenchComparison(run: run([apart]), baseline: run([old]))).verdict == .regressed)
        // Apart but within the threshold: unchanged.
        let close = metric(median: 140, p25: 141, p75: 150)
        #expect(try only(BenchComparison(run: run([close]), baseline: run([old]))).verdict == .unchanged)
    }

    @Test("bigger-is-better metrics regress when they shrink")
    func biggerIsBetter() throws {
        let old = metric(median: 1000, p25: 950, p75: 1050, smallerIsBetter: false)
        let lower = metric(median: 400, p25: 380, p75: 420, smallerIsBetter: false)
        let entry = try only(BenchComparison(run: run([lower]), baseline: run([old])))
        #expect(entry.verdict == .regressed)
        #expect(entry.changePercent == -60)
        #expect(entry.worsePercent == 60)
        let higher = metric(median: 1600, p25: 1550, p75: 1700, smallerIsBetter: false)
        #expect(try only(BenchComparison(run: run([higher]), baseline: run([old]))).verdict == .improved)
    }

    @Test("a bytes metric 10% bigger regresses; 3% or a single page does not")
    func bytes() throws {
        let old = metric("memory/mapped per version", kind: .bytes, median: 1_200_000, p25: 1_200_000, p75: 1_200_000)
        let bigger = metric("memory/mapped per version", kind: .bytes, median: 1_320_000, p25: 1_320_000, p75: 1_320_000)
        let comparison = BenchComparison(run: run([bigger]), baseline: run([old]))
        #expect(try only(comparison).verdict == .regressed)
        #expect(try only(comparison).thresholdPercent == BenchComparison.defaultBytesThresholdPercent)
        #expect(comparison.exitCode == 2)
        let slightly = metric("memory/mapped per version", kind: .bytes, median: 1_236_000, p25: 1_236_000, p75: 1_236_000)
        #expect(try only(BenchComparison(run: run([slightly]), baseline: run([old]))).verdict == .unchanged)
        // From nothing left mapped to one page: within the measuring resolution.
        let zero = metric("memory/left mapped", kind: .bytes, median: 0, p25: 0, p75: 0)
        let page = metric("memory/left mapped", kind: .bytes, median: 4096, p25: 4096, p75: 4096)
        let onePage = try only(BenchComparison(run: run([page]), baseline: run([zero])))
        #expect(onePage.verdict == .unchanged && onePage.changePercent == nil)
        #expect(BenchFormats.changeText(onePage) == "from 0")
        let pages = metric("memory/left mapped", kind: .bytes, median: 40960, p25: 40960, p75: 40960)
        #expect(try only(BenchComparison(run: run([pages]), baseline: run([zero]))).verdict == .regressed)
    }

    @Test("a per-metric threshold in the baseline overrides the gate's default")
    func thresholdOverride() throws {
        let old = metric("reload/dlopen", median: 100, p25: 95, p75: 105)
        let new = metric("reload/dlopen", median: 170, p25: 160, p75: 180)  // +70 %, ranges apart
        #expect(try only(BenchComparison(run: run([new]), baseline: run([old]))).verdict == .regressed)
        let loose = try only(BenchComparison(run: run([new]), baseline: run([old], thresholds: ["reload/dlopen": 80])))
        #expect(loose.verdict == .unchanged)
        #expect(loose.thresholdPercent == 80 && loose.thresholdSource == .baseline)
        let tight = try only(BenchComparison(run: run([metric("reload/dlopen", median: 112, p25: 108, p75: 115)]),
                                             baseline: run([old], thresholds: ["reload/dlopen": 10])))
        #expect(tight.verdict == .regressed)
        // The run's own thresholds are not the baseline's: ignored.
        #expect(try only(BenchComparison(run: run([new], thresholds: ["reload/dlopen": 80]), baseline: run([old]))).verdict == .regressed)
    }

    @Test("missing, new and renamed metrics, unit and kind changes and bad thresholds are reported, not crashed on")
    func baselineProblems() throws {
        let base = SampleBench.make()
        var baseline = base
        baseline.metrics.append(metric("reload/gone", median: 10, p25: 9, p75: 11))
        baseline.metrics.append(metric("reload/dlopen", median: 1, p25: 1, p75: 1))  // a duplicate
        baseline.thresholds = ["reload/typo": 10, "reload/swap": -5]
        var run = base
        run.metrics.append(metric("calls/new", median: 2, p25: 1, p75: 3))
        let swapIndex = try #require(run.metrics.firstIndex { $0.name == "reload/swap" })
        run.metrics[swapIndex].unit = "us"
        let memoryIndex = try #require(run.metrics.firstIndex { $0.name == "memory/resident per version" })
        run.metrics[memoryIndex].kind = .time
        run.metrics[memoryIndex].unit = "ns"
        let emptyIndex = try #require(run.metrics.firstIndex { $0.name == "compile/front end/1000 lines" })
        run.metrics[emptyIndex].count = 0

        let comparison = BenchComparison(run: run, baseline: baseline)
        #expect(comparison.missing.map(\.name) == ["reload/gone"])
        #expect(comparison.added.map(\.name) == ["calls/new"])
        #expect(comparison.problems.contains(.unitChanged(metric: "reload/swap", baseline: "ns", run: "us")))
        #expect(comparison.problems.contains(.kindChanged(metric: "memory/resident per version", baseline: .bytes, run: .time)))
        #expect(comparison.problems.contains(.duplicateMetric(metric: "reload/dlopen", inBaseline: true)))
        #expect(comparison.problems.contains(.thresholdForUnknownMetric(metric: "reload/typo")))
        #expect(comparison.problems.contains(.invalidThreshold(metric: "reload/swap", percent: -5)))
        #expect(comparison.problems.contains { if case .invalidSummary(metric: "compile/front end/1000 lines", inBaseline: false, _) = $0 { true } else { false } })
        // Not compared: neither in entries nor failing the build.
        let compared = Set(comparison.entries.map(\.name))
        #expect(compared.isDisjoint(with: ["reload/swap", "memory/resident per version", "compile/front end/1000 lines", "calls/new", "reload/gone"]))
        #expect(comparison.entries.count == base.metrics.count - 3)
        #expect(comparison.exitCode == 0)
        #expect(comparison.summary.contains("1 new") && comparison.summary.contains("1 missing"))
        // The first of duplicates is used: dlopen is compared with the sample value, not 1 ns.
        #expect(comparison.entries.first { $0.name == "reload/dlopen" }?.verdict == .unchanged)

        // Every renderer shows every metric and each problem.
        let table = BenchFormats.table(comparison)
        for name in run.metrics.map(\.name) + ["reload/gone"] { #expect(table.contains(name), "\(name)") }
        #expect(table.contains("MISSING") && table.contains("new") && table.contains("not compared"))
        #expect(table.contains("problem: reload/swap: the unit changed from ns to us"))
        let markdown = BenchFormats.markdown(comparison)
        #expect(markdown.contains("**MISSING**") && markdown.contains("Problems with the baseline"))
    }

    @Test("a baseline with no metrics at all: everything is new, nothing fails")
    func emptyBaseline() {
        var baseline = SampleBench.make()
        baseline.metrics = []
        let comparison = BenchComparison(run: SampleBench.make(), baseline: baseline)
        #expect(comparison.entries.isEmpty && comparison.added.count == SampleBench.make().metrics.count)
        #expect(comparison.exitCode == 0)
    }

    @Test("a regression counts only when a second run confirms it; the others are marked, and the exit code follows")
    func confirmation() throws {
        let baseline = run([metric("a", median: 100, p25: 98, p75: 102), metric("b", median: 100, p25: 98, p75: 102),
                            metric("c", median: 100, p25: 98, p75: 102)])
        // First run: a burst slowed `a` and `b`; the second: `b` is still slow, so is `c` this time.
        let first = BenchComparison(run: run([metric("a", median: 190, p25: 185, p75: 195), metric("b", median: 190, p25: 185, p75: 195),
                                              metric("c", median: 101, p25: 99, p75: 103)]), baseline: baseline)
        let second = BenchComparison(run: run([metric("a", median: 101, p25: 99, p75: 103), metric("b", median: 190, p25: 185, p75: 195),
                                               metric("c", median: 190, p25: 185, p75: 195)]), baseline: baseline)
        let confirmed = second.confirmed(by: first)
        #expect(confirmed.regressed.map(\.name) == ["b"])
        #expect(confirmed.exitCode == 2)
        let c = try #require(confirmed.entries.first { $0.name == "c" })
        #expect(c.verdict == .unchanged && c.unconfirmed)
        #expect(BenchFormats.note(c) == "not in both runs; measured +90.0%")
        #expect(confirmed.entries.first { $0.name == "a" }?.unconfirmed == false)
        // Nothing regressed twice: the build passes.
        let calm = BenchComparison(run: run([metric("a", median: 101, p25: 99, p75: 103), metric("b", median: 101, p25: 99, p75: 103),
                                             metric("c", median: 190, p25: 185, p75: 195)]), baseline: baseline)
        #expect(calm.confirmed(by: first).exitCode == 0)
    }

    @Test("a run stores the comparison it was gated by; read back, it gives the very same verdicts, unconfirmed ones included")
    func storedComparison() throws {
        let run = SampleBench.make()
        let baseline = SampleBench.scalingCodeTimes(run, by: 1.0 / 3)
        let first = BenchComparison(run: run, baseline: baseline)
        // Confirmed by a run that regressed on nothing: every regression of the first is unconfirmed.
        let confirmed = first.confirmed(by: BenchComparison(run: run, baseline: run))
        #expect(confirmed.regressed.isEmpty && confirmed.entries.filter(\.unconfirmed).count == SampleBench.ratioNames.count)
        for comparison in [first, confirmed] {
            let stored = try BenchFile.decode(try BenchFile.data(comparison.runWithVerdicts), path: "stored.json")
            #expect(stored.comparedWith?.regressed == comparison.regressed.map(\.name))
            #expect(stored.comparedWith?.summary == comparison.summary)
            let again = try #require(BenchComparison(storedIn: stored))
            #expect(again.entries.map(\.verdict) == comparison.entries.map(\.verdict))
            #expect(again.entries.map(\.unconfirmed) == comparison.entries.map(\.unconfirmed))
            #expect(again.exitCode == comparison.exitCode)
        }
        #expect(BenchComparison(storedIn: run) == nil)
        // The JSON format of a compared run carries it too.
        #expect(try BenchFormats.render(run, comparison: first, as: .json).contains("\"comparedWith\""))
    }
}

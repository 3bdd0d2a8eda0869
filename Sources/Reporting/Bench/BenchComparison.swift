import Documents


/// The exit codes of `vais-hot bench`, as CI reads them (the same meaning
/// as package-benchmark's).
public enum BenchExitCode {
    /// Measured, and nothing regressed (or there was no baseline).
    public static let success: Int32 = 0
    /// The bench itself failed: a program did not build, a file could not be read or written.
    public static let benchFailed: Int32 = 1
    /// At least one metric regressed against the baseline.
    public static let regression: Int32 = 2
}

/// A bench run against a baseline run, metric by metric.
///
/// **What is compared.** Each metric is judged by the gate the *baseline*
/// records for it (`BenchMetric.Gate`): an instruction count or a size as
/// measured; a wall time with a `ratio` gate as its median divided by the
/// median of its reference metric *in the same run* (so a machine twice as
/// slow doubles both and changes nothing); a `reported` wall time not at
/// all (its verdict is `reported`: it depends on the machine, and its code
/// is gated through an instruction count).
///
/// **The rule** (`ChangeRule`, shared by every comparison). A gated metric
/// *regressed* when its compared median is worse than the baseline's by
/// more than its threshold *and* its interquartile range lies entirely on
/// the worse side of the baseline's (for smaller-is-better,
/// `new.p25 > old.p75`). It *improved* when the same holds the other way;
/// otherwise it is *unchanged*. The second condition
/// keeps a shared 2-core machine's noise from failing a build; an
/// instruction count is one deterministic sample (p25 = p75 = median), so for
/// it the threshold alone decides.
///
/// **Change.** `changePercent` is the raw change of the compared median,
/// `(new − old) / |old| × 100`: positive means it grew, whatever the
/// metric's direction. `worsePercent` is the same number signed by
/// direction (positive means worse), held against the threshold.
///
/// **Baseline problems** never crash and never fail the build by themselves;
/// they are listed for the user to fix (see `Problem`).
public struct BenchComparison: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        case improved, unchanged, regressed
        /// Measured and shown, not gated (a `reported` metric).
        case reported
    }

    /// Where a metric's threshold came from.
    public enum ThresholdSource: String, Sendable, Equatable {
        /// The default of the metric's gate (`defaultThresholdPercent(for:)`).
        case gateDefault
        /// The baseline file's `thresholds` entry for the metric.
        case baseline
    }

    /// One metric present, and comparable, in both runs.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// The baseline's summary, as measured.
        public var old: BenchMetric
        /// This run's summary, as measured.
        public var new: BenchMetric
        /// The baseline's gate for the metric.
        public var gate: BenchMetric.Gate
        /// What the gate compares: `old` and `new` themselves, or for a ratio
        /// gate each divided by its own run's reference median (unit `×`).
        public var gatedOld: BenchMetric
        public var gatedNew: BenchMetric
        /// The percent by which the compared median must be worse (or better) to count.
        public var thresholdPercent: Double
        public var thresholdSource: ThresholdSource
        public var verdict: Verdict
        /// This run regressed on the metric but a second run did not, so it
        /// does not count (see `confirmed(by:)`).
        public var unconfirmed = false

        /// The change of the compared median relative to the baseline's, in
        /// percent: positive when it grew. Zero when both are zero; nil when
        /// only the baseline's is zero (no finite percentage).
        public var changePercent: Double? { Self.percent(from: gatedOld.median, to: gatedNew.median) }

        /// The change of the measured median, whatever the gate: for a ratio
        /// gate, what the machine and the code did together.
        public var rawChangePercent: Double? { Self.percent(from: old.median, to: new.median) }

        /// `changePercent` signed by direction: positive is worse. Infinite
        /// when the baseline's median is zero and this run's is not.
        public var worsePercent: Double {
            let delta = gatedNew.median - gatedOld.median
            let relative = gatedOld.median != 0 ? delta / abs(gatedOld.median) * 100
                : (delta == 0 ? 0 : (delta > 0 ? Double.infinity : -Double.infinity))
            return new.smallerIsBetter ? relative : -relative
        }

        /// Whether the two runs' compared p25–p75 ranges share any value.
        public var rangesOverlap: Bool {
            gatedNew.p25 <= gatedOld.p75 && gatedOld.p25 <= gatedNew.p75
        }

        private static func percent(from old: Double, to new: Double) -> Double? {
            let delta = new - old
            guard old != 0 else { return delta == 0 ? 0 : nil }
            return delta / abs(old) * 100
        }
    }

    /// Default threshold for instruction counts, in percent. Two counts of
    /// the same binary on the same input differ by well under 0.1 %
    /// (47,243,072 and 47,245,241 for one `check`); what moves them between
    /// machines of one kind is the C library choosing other string routines
    /// for another CPU, a few tenths of a percent. 3 % is far above both and
    /// catches a slowdown a wall clock on a shared machine could never see.
    public static let defaultInstructionsThresholdPercent = 3.0

    /// Default threshold for wall times divided by a same-run reference, in
    /// percent. The division removes the machine's speed, not its noise: a
    /// reload's phases and clang's start-up do not scale exactly alike from
    /// one machine to another, and a busy neighbour slows one sample set more
    /// than the other. 50 % lets that pass; a phase doing its work twice
    /// (+100 %) fails. The IQR condition filters the rest.
    public static let defaultRatioThresholdPercent = 50.0

    /// Default threshold for sizes, in percent. Mapped and resident bytes of
    /// a version are deterministic for a given program and toolchain up to
    /// page rounding and allocator slack, so a few percent is already a real
    /// change (a bigger object file, a leaked mapping); 5 % catches it while
    /// tolerating a changed libc or linker adding a page here and there.
    public static let defaultBytesThresholdPercent = 5.0

    /// Size changes of at most one page (4 KiB) never count, whatever the
    /// percentage: memory is measured in whole pages, and a metric whose
    /// baseline is 0 bytes (what is left mapped after an unload) would
    /// otherwise regress on any single page.
    public static let bytesResolution = 4096.0

    /// The threshold a gate uses when the baseline names none; nil for a
    /// metric that is not gated.
    public static func defaultThresholdPercent(for gate: BenchMetric.Gate) -> Double? {
        switch gate {
        case .instructions: defaultInstructionsThresholdPercent
        case .ratio: defaultRatioThresholdPercent
        case .bytes: defaultBytesThresholdPercent
        case .reported: nil
        }
    }

    public var run: BenchDocument
    public var baseline: BenchDocument
    /// Metrics in both runs, comparable, in the run's order.
    public var entries: [Entry]
    /// Baseline metrics this run lacks, in the baseline's order.
    public var missing: [BenchMetric]
    /// This run's metrics the baseline lacks, in the run's order.
    public var added: [BenchMetric]
    public var problems: [Problem]

    /// Compares `run` with `baseline`, using the baseline's gates and thresholds.
    public init(run: BenchDocument, baseline: BenchDocument) {
        self.run = run
        self.baseline = baseline
        var problems: [Problem] = []
        let oldByName = Self.index(baseline.metrics, inBaseline: true, problems: &problems)
        let newByName = Self.index(run.metrics, inBaseline: false, problems: &problems)
        let thresholds = Self.validThresholds(baseline.thresholds ?? [:], known: Set(oldByName.keys).union(newByName.keys), problems: &problems)

        var entries: [Entry] = []
        var added: [BenchMetric] = []
        var seen = Set<String>()
        for new in run.metrics where seen.insert(new.name).inserted {
            guard let old = oldByName[new.name] else {
                added.append(new)
                continue
            }
            if let problem = Self.incomparability(old, new) {
                problems.append(problem)
                continue
            }
            if old.gate != new.gate || (old.gate == .ratio && old.reference != new.reference) {
                problems.append(.gateChanged(metric: new.name, baseline: old.gate, run: new.gate))
            }
            guard let gated = Self.gated(old, new, oldRuns: oldByName, newRuns: newByName, problems: &problems) else { continue }
            let threshold = thresholds[new.name].map { ($0, ThresholdSource.baseline) }
                ?? (Self.defaultThresholdPercent(for: old.gate) ?? 0, .gateDefault)
            var entry = Entry(name: new.name, old: old, new: new, gate: old.gate, gatedOld: gated.old, gatedNew: gated.new,
                              thresholdPercent: threshold.0, thresholdSource: threshold.1, verdict: .unchanged)
            entry.verdict = Self.verdict(entry)
            entries.append(entry)
        }
        var missingNames = Set<String>()
        self.missing = baseline.metrics.filter { newByName[$0.name] == nil && missingNames.insert($0.name).inserted }
        self.entries = entries
        self.added = added
        self.problems = problems
    }

    public var regressed: [Entry] { entries.filter { $0.verdict == .regressed } }
    public var improved: [Entry] { entries.filter { $0.verdict == .improved } }
    public var unchanged: [Entry] { entries.filter { $0.verdict == .unchanged } }
    public var reported: [Entry] { entries.filter { $0.verdict == .reported } }

    public var hasRegression: Bool { entries.contains { $0.verdict == .regressed } }

    /// Whether a second run could change the outcome: some regression is of
    /// a measurement with noise. An instruction count regresses again in
    /// every run, so measuring again would only cost time.
    public var regressionNeedsConfirming: Bool { regressed.contains { $0.gate != .instructions } }

    /// `BenchExitCode.regression` (2) when any metric regressed, else `BenchExitCode.success` (0).
    /// Missing, new and incomparable metrics are reported but do not fail the build.
    public var exitCode: Int32 { hasRegression ? BenchExitCode.regression : BenchExitCode.success }

    /// One line: "2 regressed, 1 improved, 14 unchanged · 6 reported only · 1 new · 1 missing from this run · 1 problem".
    public var summary: String {
        var parts = ["\(regressed.count) regressed, \(improved.count) improved, \(unchanged.count) unchanged"]
        if !reported.isEmpty { parts.append("\(reported.count) reported only") }
        if !added.isEmpty { parts.append("\(added.count) new") }
        if !missing.isEmpty { parts.append("\(missing.count) missing from this run") }
        if !problems.isEmpty { parts.append("\(problems.count) problem\(problems.count == 1 ? "" : "s") with the baseline") }
        return parts.joined(separator: " · ")
    }

    /// The verdict of one entry by the rule in the type's documentation.
    static func verdict(_ entry: Entry) -> Verdict {
        let (old, new) = (entry.gatedOld, entry.gatedNew)
        if entry.gate == .reported { return .reported }
        if entry.gate == .bytes, abs(new.median - old.median) <= bytesResolution { return .unchanged }
        switch ChangeRule.verdict(old: .init(p25: old.p25, median: old.median, p75: old.p75), new: .init(p25: new.p25, median: new.median, p75: new.p75),
                                  worsePercent: entry.worsePercent, thresholdPercent: entry.thresholdPercent, smallerIsBetter: new.smallerIsBetter) {
        case .worse: return .regressed
        case .better: return .improved
        case .withinNoise: return .unchanged
        }
    }

    /// The summaries the baseline's gate compares; nil (with a problem) when
    /// a ratio's reference is missing from either run.
    private static func gated(_ old: BenchMetric, _ new: BenchMetric, oldRuns: [String: BenchMetric], newRuns: [String: BenchMetric],
                              problems: inout [Problem]) -> (old: BenchMetric, new: BenchMetric)? {
        guard old.gate == .ratio else { return (old, new) }
        let referenceName = old.reference ?? ""
        guard let oldReference = oldRuns[referenceName], oldReference.median > 0 else {
            problems.append(.referenceMissing(metric: old.name, reference: referenceName, inBaseline: true))
            return nil
        }
        guard let newReference = newRuns[referenceName], newReference.median > 0 else {
            problems.append(.referenceMissing(metric: old.name, reference: referenceName, inBaseline: false))
            return nil
        }
        return (old.dividedBy(oldReference), new.dividedBy(newReference))
    }

    /// The first metric of each name; later ones, and broken summaries, are reported.
    private static func index(_ metrics: [BenchMetric], inBaseline: Bool, problems: inout [Problem]) -> [String: BenchMetric] {
        var byName: [String: BenchMetric] = [:]
        var reported = Set<String>()
        for metric in metrics {
            if byName[metric.name] != nil {
                if reported.insert(metric.name).inserted { problems.append(.duplicateMetric(metric: metric.name, inBaseline: inBaseline)) }
                continue
            }
            byName[metric.name] = metric
        }
        return byName
    }

    private static func validThresholds(_ thresholds: [String: Double], known: Set<String>, problems: inout [Problem]) -> [String: Double] {
        var valid: [String: Double] = [:]
        for (name, percent) in thresholds.sorted(by: { $0.key < $1.key }) {
            guard known.contains(name) else {
                problems.append(.thresholdForUnknownMetric(metric: name))
                continue
            }
            guard percent.isFinite, percent >= 0 else {
                problems.append(.invalidThreshold(metric: name, percent: percent))
                continue
            }
            valid[name] = percent
        }
        return valid
    }

    /// Why `old` and `new` cannot be compared, if they cannot.
    private static func incomparability(_ old: BenchMetric, _ new: BenchMetric) -> Problem? {
        if old.kind != new.kind { return .kindChanged(metric: new.name, baseline: old.kind, run: new.kind) }
        if old.unit != new.unit { return .unitChanged(metric: new.name, baseline: old.unit, run: new.unit) }
        if old.smallerIsBetter != new.smallerIsBetter { return .directionChanged(metric: new.name, baselineSmallerIsBetter: old.smallerIsBetter) }
        for (metric, inBaseline) in [(old, true), (new, false)] {
            if metric.count <= 0 { return .invalidSummary(metric: metric.name, inBaseline: inBaseline, reason: "has no samples") }
            if ![metric.median, metric.p25, metric.p75, metric.p95].allSatisfy(\.isFinite) {
                return .invalidSummary(metric: metric.name, inBaseline: inBaseline, reason: "holds a value that is not a finite number")
            }
        }
        return nil
    }
}

extension BenchMetric {
    /// This summary in multiples of `reference`'s median (unit `×`).
    func dividedBy(_ reference: BenchMetric) -> BenchMetric {
        let scale = reference.median
        return BenchMetric(name: name, kind: kind, unit: "×", smallerIsBetter: smallerIsBetter, median: median / scale, p25: p25 / scale,
                           p75: p75 / scale, p95: p95 / scale, count: count, target: target, gate: gate, reference: reference.name)
    }
}

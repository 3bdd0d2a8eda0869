import Profiling

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
/// **The rule.** A metric *regressed* when its median is worse than the
/// baseline's by more than its threshold *and* its interquartile range lies
/// entirely on the worse side of the baseline's (for smaller-is-better,
/// `new.p25 > old.p75`; for bigger-is-better, `new.p75 < old.p25`). It
/// *improved* when the same holds the other way; otherwise it is
/// *unchanged*. The second condition is what keeps a shared 2-core CI
/// machine's noise from failing a build: a median that moved while the two
/// runs' middle halves still overlap is not evidence of a change.
///
/// **Change.** `changePercent` is the raw change of the median,
/// `(new − old) / |old| × 100`: positive means the median grew, whatever
/// the metric's direction; that is what the tables show beside the verdict.
/// `worsePercent` is the same number signed by direction (positive means
/// worse), and it is what is held against the threshold.
///
/// **Baseline problems** never crash and never fail the build by themselves:
/// a metric missing from the run, a new metric, a metric whose unit, kind or
/// direction changed (not compared), a duplicate name, a summary with no
/// samples, a threshold for a metric that exists in neither run or one
/// that is not a non-negative number. They are listed for the user to fix.
public struct BenchComparison: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        case improved, unchanged, regressed
    }

    /// Where a metric's threshold came from.
    public enum ThresholdSource: String, Sendable, Equatable {
        /// The default of the metric's kind (`defaultTimeThresholdPercent`, `defaultBytesThresholdPercent`).
        case kindDefault
        /// The baseline file's `thresholds` entry for the metric.
        case baseline
    }

    /// One metric present, and comparable, in both runs.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// The baseline's summary.
        public var old: BenchMetric
        /// This run's summary.
        public var new: BenchMetric
        /// The percent by which the median must be worse (or better) to count.
        public var thresholdPercent: Double
        public var thresholdSource: ThresholdSource
        public var verdict: Verdict
        /// This run regressed on the metric but a second run did not, so it
        /// does not count (see `confirmed(by:)`).
        public var unconfirmed = false

        /// The raw change of the median relative to the baseline's, in percent:
        /// positive when the median grew. Zero when both medians are zero; nil
        /// when only the baseline's median is zero (no finite percentage).
        public var changePercent: Double? {
            let delta = new.median - old.median
            guard old.median != 0 else { return delta == 0 ? 0 : nil }
            return delta / abs(old.median) * 100
        }

        /// `changePercent` signed by direction: positive is worse. Infinite
        /// when the baseline's median is zero and this run's is not.
        public var worsePercent: Double {
            let delta = new.median - old.median
            let relative = old.median != 0 ? delta / abs(old.median) * 100 : (delta == 0 ? 0 : (delta > 0 ? Double.infinity : -Double.infinity))
            return new.smallerIsBetter ? relative : -relative
        }

        /// Whether the two runs' p25–p75 ranges share any value.
        public var rangesOverlap: Bool {
            new.p25 <= old.p75 && old.p25 <= new.p75
        }
    }

    /// Something in the two runs that prevented or qualifies a comparison.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case unitChanged(metric: String, baseline: String, run: String)
        case kindChanged(metric: String, baseline: BenchMetric.Kind, run: BenchMetric.Kind)
        case directionChanged(metric: String, baselineSmallerIsBetter: Bool)
        /// Only the first metric of that name is used.
        case duplicateMetric(metric: String, inBaseline: Bool)
        /// A summary of no samples, or values that are not finite numbers.
        case invalidSummary(metric: String, inBaseline: Bool, reason: String)
        /// A threshold that is negative or not a finite number; the kind's default is used.
        case invalidThreshold(metric: String, percent: Double)
        /// A threshold naming a metric in neither run: a typo, or a metric since renamed.
        case thresholdForUnknownMetric(metric: String)

        public var metric: String {
            switch self {
            case .unitChanged(let metric, _, _), .kindChanged(let metric, _, _), .directionChanged(let metric, _),
                 .duplicateMetric(let metric, _), .invalidSummary(let metric, _, _), .invalidThreshold(let metric, _),
                 .thresholdForUnknownMetric(let metric):
                metric
            }
        }

        /// Whether the metric was left out of the comparison because of this.
        public var preventsComparison: Bool {
            switch self {
            case .unitChanged, .kindChanged, .directionChanged, .invalidSummary: true
            case .duplicateMetric, .invalidThreshold, .thresholdForUnknownMetric: false
            }
        }

        public var description: String {
            switch self {
            case .unitChanged(let metric, let baseline, let run):
                "\(metric): the unit changed from \(baseline) to \(run); not compared (update the baseline)"
            case .kindChanged(let metric, let baseline, let run):
                "\(metric): the kind changed from \(baseline.rawValue) to \(run.rawValue); not compared (update the baseline)"
            case .directionChanged(let metric, let baselineSmallerIsBetter):
                "\(metric): the baseline has it \(baselineSmallerIsBetter ? "smaller" : "bigger")-is-better, this run "
                    + "\(baselineSmallerIsBetter ? "bigger" : "smaller")-is-better; not compared (update the baseline)"
            case .duplicateMetric(let metric, let inBaseline):
                "\(metric): appears more than once in the \(inBaseline ? "baseline" : "run"); only the first is used"
            case .invalidSummary(let metric, let inBaseline, let reason):
                "\(metric): the \(inBaseline ? "baseline's" : "run's") summary \(reason); not compared"
            case .invalidThreshold(let metric, let percent):
                "\(metric): threshold \(percent) is not a percentage of zero or more; the default of its kind is used"
            case .thresholdForUnknownMetric(let metric):
                "\(metric): the baseline sets a threshold for it, but neither run has a metric of that name"
            }
        }
    }

    /// Default threshold for timings, in percent. Timings on a shared 2-core
    /// CI runner move by 10–20 % between runs of the same code (neighbours,
    /// frequency scaling, page cache, clang's own variance), and compile and
    /// reload times are single-digit milliseconds where scheduling jitter is a
    /// large share; 25 % lets that pass while a real slowdown of a phase
    /// (usually 1.5× or worse) still fails. The IQR condition filters the rest.
    public static let defaultTimeThresholdPercent = 25.0

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

    public static func defaultThresholdPercent(for kind: BenchMetric.Kind) -> Double {
        switch kind {
        case .time: defaultTimeThresholdPercent
        case .bytes: defaultBytesThresholdPercent
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

    /// Compares `run` with `baseline`, using the baseline's thresholds.
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
            let threshold = thresholds[new.name].map { ($0, ThresholdSource.baseline) }
                ?? (Self.defaultThresholdPercent(for: new.kind), .kindDefault)
            var entry = Entry(name: new.name, old: old, new: new, thresholdPercent: threshold.0, thresholdSource: threshold.1, verdict: .unchanged)
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

    public var hasRegression: Bool { entries.contains { $0.verdict == .regressed } }

    /// `BenchExitCode.regression` (2) when any metric regressed, else `BenchExitCode.success` (0).
    /// Missing, new and incomparable metrics are reported but do not fail the build.
    public var exitCode: Int32 { hasRegression ? BenchExitCode.regression : BenchExitCode.success }

    /// One line: "2 regressed, 1 improved, 14 unchanged · 1 new · 1 missing from this run · 1 problem".
    public var summary: String {
        var parts = ["\(regressed.count) regressed, \(improved.count) improved, \(unchanged.count) unchanged"]
        if !added.isEmpty { parts.append("\(added.count) new") }
        if !missing.isEmpty { parts.append("\(missing.count) missing from this run") }
        if !problems.isEmpty { parts.append("\(problems.count) problem\(problems.count == 1 ? "" : "s") with the baseline") }
        return parts.joined(separator: " · ")
    }

    /// The verdict of one entry by the rule in the type's documentation.
    static func verdict(_ entry: Entry) -> Verdict {
        let (old, new) = (entry.old, entry.new)
        if new.kind == .bytes, abs(new.median - old.median) <= bytesResolution { return .unchanged }
        let worse = entry.worsePercent
        // Ranges apart, on the worse or the better side.
        let apartWorse = new.smallerIsBetter ? new.p25 > old.p75 : new.p75 < old.p25
        let apartBetter = new.smallerIsBetter ? new.p75 < old.p25 : new.p25 > old.p75
        if worse > entry.thresholdPercent, apartWorse { return .regressed }
        if -worse > entry.thresholdPercent, apartBetter { return .improved }
        return .unchanged
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

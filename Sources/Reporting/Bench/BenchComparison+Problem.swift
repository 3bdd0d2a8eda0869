import Documents


extension BenchComparison {
    /// Something in the two runs that prevented or qualifies a comparison.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case unitChanged(metric: String, baseline: String, run: String)
        case kindChanged(metric: String, baseline: BenchMetric.Kind, run: BenchMetric.Kind)
        case directionChanged(metric: String, baselineSmallerIsBetter: Bool)
        /// Only the first metric of that name is used.
        case duplicateMetric(metric: String, inBaseline: Bool)
        /// A summary of no samples, or values that are not finite numbers.
        case invalidSummary(metric: String, inBaseline: Bool, reason: String)
        /// A threshold that is negative or not a finite number; the default of its gate is used.
        case invalidThreshold(metric: String, percent: Double)
        /// A threshold naming a metric in neither run: a typo, or a metric since renamed.
        case thresholdForUnknownMetric(metric: String)
        /// The baseline gates a metric as a ratio to a reference that a run lacks.
        case referenceMissing(metric: String, reference: String, inBaseline: Bool)
        /// The run would gate the metric another way; the baseline's gate is used.
        case gateChanged(metric: String, baseline: BenchMetric.Gate, run: BenchMetric.Gate)

        public var metric: String {
            switch self {
            case .unitChanged(let metric, _, _), .kindChanged(let metric, _, _), .directionChanged(let metric, _),
                 .duplicateMetric(let metric, _), .invalidSummary(let metric, _, _), .invalidThreshold(let metric, _),
                 .thresholdForUnknownMetric(let metric), .referenceMissing(let metric, _, _), .gateChanged(let metric, _, _):
                metric
            }
        }

        /// Whether the metric was left out of the comparison because of this.
        public var preventsComparison: Bool {
            switch self {
            case .unitChanged, .kindChanged, .directionChanged, .invalidSummary, .referenceMissing: true
            case .duplicateMetric, .invalidThreshold, .thresholdForUnknownMetric, .gateChanged: false
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
            case .referenceMissing(let metric, let reference, let inBaseline):
                "\(metric): gated as a ratio to \(reference), which the \(inBaseline ? "baseline" : "run") lacks; not compared"
            case .gateChanged(let metric, let baseline, let run):
                "\(metric): the baseline gates it as \(baseline.rawValue), this run as \(run.rawValue); the baseline's gate is used "
                    + "(record the baseline again to change it)"
            }
        }
    }
}

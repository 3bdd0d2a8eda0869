/// The one rule every comparison of vais-hot uses to say whether a
/// measurement changed (the bench gate, `report --compare` of profiles and
/// bench runs): a change is real when the median moved by more than a
/// threshold **and** the two runs' interquartile ranges (p25–p75) do not
/// overlap, on the side the median moved to. A median that moved while the
/// middle halves still overlap is noise on a shared machine; middle halves
/// apart by a hair are not worth a word.
///
/// It needs only quartiles, so it judges a bench summary, a profile's
/// per-reload phases and a trace's per-version calls alike. A single
/// deterministic value (an instruction count: p25 = p75 = median) is judged
/// by the threshold alone.
public enum ChangeRule {
    public enum Verdict: String, Sendable, Equatable {
        /// Smaller is better and it grew (or bigger is better and it shrank).
        case worse
        case better
        case withinNoise
    }

    /// The quartiles of a sample set.
    public struct Spread: Sendable, Equatable {
        public var p25: Double
        public var median: Double
        public var p75: Double

        public init(p25: Double, median: Double, p75: Double) {
            self.p25 = p25
            self.median = median
            self.p75 = p75
        }

        /// Nearest-rank quartiles of `samples`; nil when there are none.
        public init?(_ samples: [UInt64]) {
            guard let p25 = Statistics.percentile(samples, 25), let median = Statistics.median(samples),
                  let p75 = Statistics.percentile(samples, 75) else { return nil }
            self.init(p25: Double(p25), median: Double(median), p75: Double(p75))
        }
    }

    /// The verdict of a comparison of times as a reader says it: "slower",
    /// "faster", "within noise"; "–" when there was nothing to compare.
    public static func word(_ verdict: Verdict?) -> String {
        switch verdict {
        case .worse: "slower"
        case .better: "faster"
        case .withinNoise: "within noise"
        case nil: "–"
        }
    }

    /// `new` against `old` by the rule; `worsePercent` is the median's change,
    /// signed so that positive is worse.
    public static func verdict(old: Spread, new: Spread, worsePercent: Double, thresholdPercent: Double,
                               smallerIsBetter: Bool = true) -> Verdict {
        let apartWorse = smallerIsBetter ? new.p25 > old.p75 : new.p75 < old.p25
        let apartBetter = smallerIsBetter ? new.p75 < old.p25 : new.p25 > old.p75
        if worsePercent > thresholdPercent, apartWorse { return .worse }
        if -worsePercent > thresholdPercent, apartBetter { return .better }
        return .withinNoise
    }
}

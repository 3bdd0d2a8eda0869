/// One run of `vais-hot bench`, as written to its JSON file and stored as
/// the CI baseline (`reports/baseline.json`).
public struct BenchDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// `quick` or `full`.
    public var suite: String
    public var startedAt: String
    public var machine: MachineInfo
    public var toolchain: ToolchainInfo
    /// The project's git commit, when run from a checkout.
    public var gitCommit: String?
    public var metrics: [BenchMetric]
    /// Per-metric regression thresholds in percent, overriding the defaults
    /// of their kind; kept in baseline files.
    public var thresholds: [String: Double]?

    public init(suite: String, startedAt: String, machine: MachineInfo, toolchain: ToolchainInfo, gitCommit: String?,
                metrics: [BenchMetric], thresholds: [String: Double]? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.suite = suite
        self.startedAt = startedAt
        self.machine = machine
        self.toolchain = toolchain
        self.gitCommit = gitCommit
        self.metrics = metrics
        self.thresholds = thresholds
    }
}

/// One measured quantity: a summary of its samples.
public struct BenchMetric: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Durations, in nanoseconds: noisy on a shared machine.
        case time
        /// Sizes, in bytes: steady.
        case bytes
    }

    /// Stable and hierarchical, e.g. `compile/front end/1000 lines`.
    public var name: String
    public var kind: Kind
    /// `ns` or `bytes`.
    public var unit: String
    public var smallerIsBetter: Bool
    public var median: Double
    public var p25: Double
    public var p75: Double
    public var p95: Double
    public var count: Int
    /// The id of the target in targets.json this metric is judged against, if any.
    public var target: String?

    public init(name: String, kind: Kind, unit: String, smallerIsBetter: Bool = true, median: Double, p25: Double, p75: Double,
                p95: Double, count: Int, target: String? = nil) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.smallerIsBetter = smallerIsBetter
        self.median = median
        self.p25 = p25
        self.p75 = p75
        self.p95 = p95
        self.count = count
        self.target = target
    }

    /// Summarizes samples (nearest-rank quartiles and p95).
    public init(name: String, kind: Kind, samples: [Double], smallerIsBetter: Bool = true, target: String? = nil) {
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[index]
        }
        self.init(name: name, kind: kind, unit: kind == .time ? "ns" : "bytes", smallerIsBetter: smallerIsBetter, median: rank(50),
                  p25: rank(25), p75: rank(75), p95: rank(95), count: sorted.count, target: target)
    }
}

/// One run of `vais-hot bench`, as written to its JSON file and stored as
/// the CI baseline (`reports/baseline.json`).
public struct BenchDocument: Codable, Sendable, Equatable {
    /// 2: metrics carry their gate (and a ratio's reference); instruction counts.
    public static let currentSchemaVersion = 2
    /// The reference metric a goal relative to the machine is worked out from.
    public static let clangStartUpMetric = "reference/clang -c of an empty C file"

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
    /// of their gate; kept in baseline files.
    public var thresholds: [String: Double]?
    /// The baseline this run was gated against, when it was: enough to
    /// judge every metric again exactly as the command line did, so the
    /// run's HTML shows the same verdicts.
    public var comparedWith: ComparedBaseline?

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

/// The baseline a run was compared with, as stored in the run.
public struct ComparedBaseline: Codable, Sendable, Equatable {
    public var startedAt: String
    public var gitCommit: String?
    public var machine: MachineInfo
    public var metrics: [BenchMetric]
    public var thresholds: [String: Double]?
    /// Metrics this run regressed on that a second run did not confirm:
    /// they did not count.
    public var unconfirmed: [String]
    /// For readers of the JSON (`jq .comparedWith.regressed`): the metrics
    /// that regressed, and the comparison's one-line summary.
    public var regressed: [String]
    public var summary: String

    public init(startedAt: String, gitCommit: String?, machine: MachineInfo, metrics: [BenchMetric], thresholds: [String: Double]?,
                unconfirmed: [String], regressed: [String], summary: String) {
        self.startedAt = startedAt
        self.gitCommit = gitCommit
        self.machine = machine
        self.metrics = metrics
        self.thresholds = thresholds
        self.unconfirmed = unconfirmed
        self.regressed = regressed
        self.summary = summary
    }
}

/// One measured quantity: a summary of its samples.
public struct BenchMetric: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Durations, in nanoseconds: noisy on a shared machine, and 1.5–3×
        /// apart between machines of the same kind.
        case time
        /// Sizes, in bytes: steady.
        case bytes
        /// Instructions executed, counted under Valgrind: the same on any
        /// machine for the same binary and input, whatever its speed or load.
        case instructions
    }

    /// How the CI gate judges the metric against a baseline. A baseline
    /// records it per metric, and the comparison follows the baseline's.
    public enum Gate: String, Codable, Sendable, CaseIterable {
        /// Compared as counted: a tight threshold, no range test (one
        /// deterministic sample).
        case instructions
        /// A wall time divided by the median of `reference`, a metric of the
        /// same run: the gate asks whether vais-hot got slower relative to
        /// this machine, not whether this machine is slower.
        case ratio
        /// A size, compared as measured.
        case bytes
        /// Measured and shown, never gated: a wall time that depends on the
        /// machine, whose code is gated through its instruction count.
        case reported
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
    public var gate: Gate
    /// For a `ratio` gate: the name of the reference metric it is divided by.
    public var reference: String?

    /// The gate a metric of `kind` gets when none is named: wall times are
    /// only reported, since no time from one machine can gate another.
    public static func defaultGate(for kind: Kind) -> Gate {
        switch kind {
        case .time: .reported
        case .bytes: .bytes
        case .instructions: .instructions
        }
    }

    /// The unit a metric of `kind` is recorded in.
    public static func unit(of kind: Kind) -> String {
        switch kind {
        case .time: "ns"
        case .bytes: "bytes"
        case .instructions: "instructions"
        }
    }

    public init(name: String, kind: Kind, unit: String, smallerIsBetter: Bool = true, median: Double, p25: Double, p75: Double,
                p95: Double, count: Int, target: String? = nil, gate: Gate? = nil, reference: String? = nil) {
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
        self.gate = gate ?? Self.defaultGate(for: kind)
        self.reference = reference
    }

    /// Summarizes samples (nearest-rank quartiles and p95).
    public init(name: String, kind: Kind, samples: [Double], smallerIsBetter: Bool = true, target: String? = nil, gate: Gate? = nil,
                reference: String? = nil) {
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[index]
        }
        self.init(name: name, kind: kind, unit: Self.unit(of: kind), smallerIsBetter: smallerIsBetter, median: rank(50),
                  p25: rank(25), p75: rank(75), p95: rank(95), count: sorted.count, target: target, gate: gate, reference: reference)
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, unit, smallerIsBetter, median, p25, p75, p95, count, target, gate, reference
    }

    /// Reads a metric; one written before gates existed (schema 1) gets its
    /// kind's default gate.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        self.init(name: try container.decode(String.self, forKey: .name), kind: kind, unit: try container.decode(String.self, forKey: .unit),
                  smallerIsBetter: try container.decode(Bool.self, forKey: .smallerIsBetter),
                  median: try container.decode(Double.self, forKey: .median), p25: try container.decode(Double.self, forKey: .p25),
                  p75: try container.decode(Double.self, forKey: .p75), p95: try container.decode(Double.self, forKey: .p95),
                  count: try container.decode(Int.self, forKey: .count), target: try container.decodeIfPresent(String.self, forKey: .target),
                  gate: try container.decodeIfPresent(Gate.self, forKey: .gate),
                  reference: try container.decodeIfPresent(String.self, forKey: .reference))
    }
}

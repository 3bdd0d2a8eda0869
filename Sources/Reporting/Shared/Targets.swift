import Documents
import Foundation

/// One target from `Resources/targets.json`: what the original design
/// documents (the floor to beat) and vais-hot's own goal, for one measure.
public struct Target: Codable, Sendable, Equatable {
    /// What a target is checked against, computed from a `ProfileDocument`.
    public enum Measure: String, Codable, Sendable {
        /// parse + check + emit + clang, per reload.
        case compile
        case dlopen
        /// Each symbol lookup on its own.
        case dlsymPerSymbol
        case swap
        /// `ReloadMeasurement.overhead`, per reload.
        case overhead
        /// Per version: the most it mapped in any sample.
        case versionMapped
        /// The most all loaded versions mapped together at one sample time.
        case retainedMapped
        /// `ReloadMeasurement.total`: from the change being seen to the swap.
        case reload
        /// From the change being seen to the first call of the new code.
        case editToFirstCall
    }

    public enum Unit: String, Codable, Sendable {
        case nanoseconds = "ns"
        case bytes
    }

    public struct Range: Codable, Sendable, Equatable {
        public var low: UInt64
        public var high: UInt64
    }

    public var id: String
    public var title: String
    public var measure: Measure
    /// Line-count bounds for targets that depend on the program's size
    /// (from inclusive, below exclusive); nil means unbounded.
    public var appliesFromLines: Int?
    public var appliesBelowLines: Int?
    public var unit: Unit
    public var documented: Range?
    public var goal: UInt64?
    /// A goal relative to this machine instead: this many times the
    /// profile's `clangStartUpNanoseconds`, so that it means the same on a
    /// machine 1.5–3× faster or slower.
    public var goalTimesClangStartUp: Double?

    /// The goal this target sets on a machine whose clang starts up in
    /// `clangStartUp` (nil: not measured): the fixed goal, the relative one,
    /// or the lower of the two when it has both.
    public func goal(clangStartUp: Double?) -> Double? {
        let relative = goalTimesClangStartUp.flatMap { factor in clangStartUp.map { (factor * $0).rounded() } }
        return [goal.map { Double($0) }, relative].compactMap { $0 }.min()
    }

    /// Whether the target is meant for a program of `lines` source lines.
    public func applies(toLines lines: Int) -> Bool {
        lines >= (appliesFromLines ?? Int.min) && lines < (appliesBelowLines ?? Int.max)
    }
}

/// A target beside what one session measured. A pass is nil when there is
/// nothing to judge: no samples, or no documented range or goal.
public struct TargetResult: Sendable, Equatable {
    public var target: Target
    public var sampleCount: Int
    public var median: UInt64?
    public var p95: UInt64?
    /// The goal in the target's unit, worked out for the machine the
    /// document was measured on (`Target.goal(clangStartUp:)`).
    public var goal: UInt64?

    public init(target: Target, sampleCount: Int, median: UInt64?, p95: UInt64?, goal: UInt64? = nil) {
        self.target = target
        self.sampleCount = sampleCount
        self.median = median
        self.p95 = p95
        self.goal = goal ?? target.goal
    }

    /// Passes when the median is within the documented range's upper end.
    public var documentedPass: Bool? {
        median.flatMap { target.documentedPass(Double($0)) }
    }

    /// Passes when the median is at or below vais-hot's own goal.
    public var goalPass: Bool? {
        guard let median, let goal else { return nil }
        return median <= goal
    }
}

extension Target {
    /// Whether one measured value (a median, in the target's unit) is at or
    /// below the documented range's upper end; nil when nothing is documented.
    /// A profile's `TargetResult` and a bench metric are judged alike.
    public func documentedPass(_ value: Double) -> Bool? {
        guard let documented else { return nil }
        return value <= Double(documented.high)
    }
}

public enum TargetError: Error, CustomStringConvertible {
    case missingResource

    public var description: String {
        "targets.json is missing from the Reporting bundle; rebuild vais-hot (swift build) so the resource is copied"
    }
}

public enum Targets {
    /// The settings key under which a profile records its program's line
    /// count; it picks the compile target. Missing counts as a small file.
    public static let sourceLinesSetting = "sourceLines"

    /// The targets shipped in the package.
    public static func load() throws -> [Target] {
        guard let url = Bundle.module.url(forResource: "targets", withExtension: "json") else { throw TargetError.missingResource }
        return try decode(Data(contentsOf: url))
    }

    public static func decode(_ data: Data) throws -> [Target] {
        struct File: Decodable { var targets: [Target] }
        return try JSONDecoder().decode(File.self, from: data).targets
    }

    /// Each target that applies to the document's program, with the
    /// measured median and p95.
    public static func evaluate(_ document: ProfileDocument, against targets: [Target]) -> [TargetResult] {
        let lines = document.settings[sourceLinesSetting]?.integer ?? 0
        return targets.filter { $0.applies(toLines: lines) }.map { target in
            let values = document.samples(of: target.measure)
            let goal = target.goal(clangStartUp: document.clangStartUpNanoseconds.map { Double($0) }).map { UInt64($0) }
            return TargetResult(target: target, sampleCount: values.count, median: Statistics.median(values), p95: Statistics.p95(values),
                                goal: goal)
        }
    }
}

extension ProfileDocument {
    /// The values a target's median and p95 are taken over.
    func samples(of measure: Target.Measure) -> [UInt64] {
        switch measure {
        // A reload that recorded no compile phase did not compile; it is not a 0 ns compile.
        case .compile: reloads.filter { reload in Phase.compile.contains { reload.phases[$0] != nil } }.map(\.compile)
        case .dlopen: reloads.compactMap { $0.phases[.dlopen] }
        case .dlsymPerSymbol: reloads.flatMap { $0.lookups.map(\.nanoseconds) }
        case .swap: reloads.compactMap { $0.phases[.swap] }
        case .overhead: reloads.map(\.overhead)
        case .versionMapped: Array(peakMappedPerVersion.values)
        case .retainedMapped: mappedTotals.map(\.bytes).max().map { [$0] } ?? []
        case .reload: reloads.map(\.total)
        case .editToFirstCall: reloads.compactMap { reload in reload.phases[.firstCall].map { reload.total + $0 } }
        }
    }

    /// Per version, the largest `mapped` among its samples.
    var peakMappedPerVersion: [Int: UInt64] {
        memory.reduce(into: [:]) { peaks, sample in
            guard let version = sample.version else { return }
            peaks[version] = max(peaks[version] ?? 0, sample.mapped)
        }
    }

    /// At each sample time, the bytes mapped by all versions together, in time order.
    var mappedTotals: [(at: UInt64, bytes: UInt64)] {
        let totals = memory.reduce(into: [UInt64: UInt64]()) { totals, sample in
            guard sample.version != nil else { return }
            totals[sample.at, default: 0] += sample.mapped
        }
        return totals.sorted { $0.key < $1.key }.map { (at: $0.key, bytes: $0.value) }
    }
}

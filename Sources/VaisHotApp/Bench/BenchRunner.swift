import Documents
import Foundation
import HotReload
import SystemProbes
import VaisCompiler

/// `vais-hot bench`: measures the whole reload pipeline (compile, load,
/// lookup, swap, memory, calls) with warm-up and repetitions, the
/// machine's references in the same run, and the instructions of the
/// CPU-bound work under Valgrind; returns a summary of each metric, each
/// with the gate CI judges it by (docs/BENCHMARKING.md).
public struct BenchRunner: Sendable {
    public enum Suite: String, Sendable, CaseIterable {
        /// For CI: finishes well within three minutes on two cores.
        case quick
        /// Bigger programs, more repetitions.
        case full
    }

    public struct Settings: Sendable {
        public var suite: Suite
        /// examples/game.vais (or another program with hot functions), and
        /// the std folder every measured program imports from.
        public var game: BuildRecipe
        /// Where temporary builds go.
        public var workFolder: String
        /// Whether a machine without valgrind fails the bench (a baseline
        /// gates instruction counts) or only goes without them.
        public var requireInstructionCounts: Bool

        public init(suite: Suite, game: BuildRecipe, workFolder: String, requireInstructionCounts: Bool = true) {
            self.suite = suite
            self.game = game
            self.workFolder = workFolder
            self.requireInstructionCounts = requireInstructionCounts
        }
    }

    public let settings: Settings
    private let progress: @Sendable (String) -> Void

    public init(settings: Settings, progress: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.progress = progress
    }

    public func run() throws -> BenchDocument {
        let startedAt = ISO8601DateFormatter().string(from: Date())
        try? FileManager.default.removeItem(atPath: settings.workFolder)
        try FileManager.default.createDirectory(atPath: settings.workFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: settings.workFolder) }
        let toolchain = try Toolchain.locate()
        let references = MachineReferences(settings: settings, toolchain: toolchain, progress: progress)
        try references.measureRound()
        var metrics: [BenchMetric] = []
        // Reloads first: the process's RSS around them is then what a `vais-hot run` of the game holds, not the
        // heap the big compiles below leave behind (vais-hot keeps freed memory for the next compile).
        let reloads = try ReloadBench(settings: settings, progress: progress).run()
        try references.measureRound()
        metrics += try CompileBench(settings: settings, toolchain: toolchain, references: references, progress: progress).run()
        metrics += reloads
        try references.measureRound()
        metrics += try CallBench(settings: settings, progress: progress).run()
        try references.measureRound()
        metrics += references.metrics
        if InstructionCounter.locateValgrind() != nil || settings.requireInstructionCounts {
            metrics += try InstructionCounter(settings: settings, toolchain: toolchain, progress: progress).run()
        } else {
            progress("valgrind is not installed: no instruction counts in this run")
        }
        return BenchDocument(suite: settings.suite.rawValue, startedAt: startedAt, machine: .current(), toolchain: .probe(toolchain, hotPartBackend: HotPartBackends.forHotParts(toolchain: toolchain)),
                             gitCommit: ProjectVersion.gitCommit(), metrics: metrics)
    }
}

/// Runs a measurement after warm-up rounds, as many times as asked.
enum Repeat {
    static func samples(warmUp: Int, count: Int, _ measure: () throws -> Double) rethrows -> [Double] {
        for _ in 0..<warmUp { _ = try measure() }
        return try (0..<count).map { _ in try measure() }
    }

    /// Nanoseconds `body` took.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = MonotonicClock.now()
        try body()
        return Double(MonotonicClock.now() - start)
    }
}

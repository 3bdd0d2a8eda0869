import Foundation
import HotReload
import Profiling
import VaisCompiler

/// `vais-hot bench`: measures the whole reload pipeline (compile, load,
/// lookup, swap, memory, calls) with warm-up and repetitions, and returns
/// a summary of each metric.
public struct BenchRunner: Sendable {
    public enum Suite: String, Sendable, CaseIterable {
        /// For CI: finishes well within three minutes on two cores.
        case quick
        /// Bigger programs, more repetitions.
        case full
    }

    public struct Settings: Sendable {
        public var suite: Suite
        /// examples/game.vais (or another program with hot functions).
        public var gameSource: String
        public var standardLibrary: String?
        /// Where temporary builds go.
        public var workFolder: String

        public init(suite: Suite, gameSource: String, standardLibrary: String?, workFolder: String) {
            self.suite = suite
            self.gameSource = gameSource
            self.standardLibrary = standardLibrary
            self.workFolder = workFolder
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
        var metrics: [BenchMetric] = []
        metrics += try CompileBench(settings: settings, toolchain: toolchain, progress: progress).run()
        metrics += try ReloadBench(settings: settings, progress: progress).run()
        metrics += try CallBench(settings: settings, progress: progress).run()
        return BenchDocument(suite: settings.suite.rawValue, startedAt: startedAt, machine: .current(), toolchain: .probe(toolchain),
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

import Benchmark

/// The configuration every micro-benchmark target starts from.
public enum Tolerances {
    /// Wall-clock time only, with the tolerances of `swift package benchmark
    /// baseline check` (`make bench-micro`) against the stored baseline: a
    /// benchmark fails when its p25 or its median is more than twice (+100 %)
    /// the baseline's. Loose on purpose: on a shared 2-core machine whole
    /// runs shift by up to 1.7x with no change to the code, while a 3x
    /// slowdown (+200 %) still fails. A relative threshold of 100 % also can
    /// never report an "improvement" (that would need a time below zero),
    /// which the check would otherwise treat as a failure too.
    public static func useDefaults(timeUnits: BenchmarkTimeUnits, warmupIterations: Int) {
        Benchmark.defaultConfiguration = .init(
            metrics: [.wallClock],
            timeUnits: timeUnits,
            warmupIterations: warmupIterations,
            thresholds: [.wallClock: BenchmarkThresholds(relative: [.p25: 100, .p50: 100])]
        )
    }
}

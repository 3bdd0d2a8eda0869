import Profiling

/// A bench run shaped like `vais-hot bench --suite quick`: timings with a
/// realistic spread (compile, reload phases, per-call costs of a fraction
/// of a nanosecond), sizes that barely move, and metrics that name targets
/// (one passes its goal, one misses it).
enum SampleBench {
    static let timeNames = [
        "compile/front end/1000 lines", "compile/to .so/1000 lines", "compile/to .so/game.vais",
        "reload/dlopen", "reload/dlsym per symbol", "reload/swap", "reload/total without compile", "calls/through a slot",
    ]
    static let bytesNames = ["memory/mapped per version", "memory/resident per version"]

    static func make(seed: UInt64 = 11, startedAt: String = "2026-11-20T09:00:00Z", commit: String? = "4f6c1d2e9ab0c3d5e7f8091a2b3c4d5e6f708192",
                     scale: Double = 1) -> BenchDocument {
        var random = seed
        // A small LCG: the same numbers on every run.
        func jitter(_ base: Double, spread: Double) -> Double {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double((random >> 33) % 10_000) / 10_000  // 0..<1
            return base * (1 - spread / 2 + spread * unit)
        }
        func time(_ name: String, _ base: Double, count: Int = 15, target: String? = nil) -> BenchMetric {
            BenchMetric(name: name, kind: .time, samples: (0..<count).map { _ in jitter(base * scale, spread: 0.3) }, target: target)
        }
        func bytes(_ name: String, _ base: Double, target: String? = nil) -> BenchMetric {
            BenchMetric(name: name, kind: .bytes, samples: (0..<6).map { _ in (jitter(base, spread: 0.01) / 4096).rounded() * 4096 }, target: target)
        }
        let metrics = [
            time(timeNames[0], 2_400_000),
            time(timeNames[1], 48_000_000, count: 7),
            time(timeNames[2], 41_000_000, count: 7, target: "compile.small"),
            time(timeNames[3], 85_000, count: 50, target: "load"),
            time(timeNames[4], 1_400, count: 150, target: "lookup"),
            time(timeNames[5], 900, count: 50, target: "swap"),
            time(timeNames[6], 310_000, count: 50, target: "overhead"),
            time(timeNames[7], 1.7, count: 9),
            bytes(bytesNames[0], 1_200_000, target: "memory.version"),
            bytes(bytesNames[1], 400_000),
        ]
        return BenchDocument(suite: "quick", startedAt: startedAt,
                             machine: MachineInfo(cpuModel: "AMD EPYC 7763 64-Core Processor", cores: 2, kernel: "Linux 6.8.0", memoryBytes: 8_000_000_000),
                             toolchain: ToolchainInfo(vaisHot: "0.4.0", swift: "Swift 6.2", clang: "clang 21.1.0"), gitCommit: commit, metrics: metrics)
    }

    /// `document` with every timing's summary multiplied by `factor`.
    static func scalingTimes(_ document: BenchDocument, by factor: Double) -> BenchDocument {
        var scaled = document
        for index in scaled.metrics.indices where scaled.metrics[index].kind == .time {
            scaled.metrics[index].median *= factor
            scaled.metrics[index].p25 *= factor
            scaled.metrics[index].p75 *= factor
            scaled.metrics[index].p95 *= factor
        }
        return scaled
    }

    static func metric(_ name: String, in document: BenchDocument) -> BenchMetric? {
        document.metrics.first { $0.name == name }
    }
}

import Documents


/// A bench run shaped like `vais-hot bench --suite quick`: the machine's
/// references; timings with a realistic spread, some gated as ratios to a
/// reference and some only reported (compile, reload phases, per-call costs
/// of a fraction of a nanosecond); instruction counts; sizes that barely
/// move; and metrics that name targets (one passes its goal, one misses it).
enum SampleBench {
    static let clangReference = BenchDocument.clangStartUpMetric
    static let dlopenReference = "reference/dlopen of a small C library"
    static let referenceNames = [clangReference, dlopenReference]
    /// Timings gated as ratios to a reference.
    static let ratioNames = ["compile/to .so/1000 lines", "compile/to .so/game.vais", "reload/dlopen", "reload/total without compile"]
    /// Timings only reported.
    static let reportedNames = ["compile/front end/1000 lines", "reload/dlsym per symbol", "reload/swap", "calls/through a slot"]
    static let timeNames = referenceNames + ratioNames + reportedNames
    static let instructionNames = ["instructions/front end/1000 lines", "instructions/front end/5000 lines", "instructions/call through a slot"]
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
        func time(_ name: String, _ base: Double, count: Int = 15, target: String? = nil, reference: String? = nil) -> BenchMetric {
            BenchMetric(name: name, kind: .time, samples: (0..<count).map { _ in jitter(base * scale, spread: 0.3) }, target: target,
                        gate: reference == nil ? .reported : .ratio, reference: reference)
        }
        func instructions(_ name: String, _ count: Double) -> BenchMetric {
            BenchMetric(name: name, kind: .instructions, samples: [jitter(count, spread: 0.0005)])
        }
        func bytes(_ name: String, _ base: Double, target: String? = nil) -> BenchMetric {
            BenchMetric(name: name, kind: .bytes, samples: (0..<6).map { _ in (jitter(base, spread: 0.01) / 4096).rounded() * 4096 }, target: target)
        }
        let metrics = [
            time(clangReference, 16_000_000, count: 12),
            time(dlopenReference, 60_000, count: 50),
            time(ratioNames[0], 48_000_000, count: 7, reference: clangReference),
            time(ratioNames[1], 41_000_000, count: 7, target: "compile.small", reference: clangReference),
            time(ratioNames[2], 85_000, count: 50, target: "load", reference: dlopenReference),
            time(ratioNames[3], 310_000, count: 50, target: "overhead", reference: dlopenReference),
            time(reportedNames[0], 2_400_000),
            time(reportedNames[1], 1_400, count: 150, target: "lookup"),
            time(reportedNames[2], 900, count: 50, target: "swap"),
            time(reportedNames[3], 1.7, count: 9),
            instructions(instructionNames[0], 20_900_000),
            instructions(instructionNames[1], 115_200_000),
            instructions(instructionNames[2], 21),
            bytes(bytesNames[0], 1_200_000, target: "memory.version"),
            bytes(bytesNames[1], 400_000),
        ]
        return BenchDocument(suite: "quick", startedAt: startedAt,
                             machine: MachineInfo(cpuModel: "AMD EPYC 7763 64-Core Processor", cores: 2, kernel: "Linux 6.8.0", memoryBytes: 8_000_000_000),
                             toolchain: ToolchainInfo(vaisHot: "0.4.0", swift: "Swift 6.2", clang: "clang 21.1.0"), gitCommit: commit, metrics: metrics)
    }

    /// `document` with every timing's summary multiplied by `factor`: the
    /// same code on a machine `factor` times slower.
    static func scalingTimes(_ document: BenchDocument, by factor: Double) -> BenchDocument {
        scaling(document, by: factor) { $0.kind == .time }
    }

    /// `document` with the timings of vais-hot's own work multiplied by
    /// `factor` and the machine's references left alone: code `factor`
    /// times slower on the same machine.
    static func scalingCodeTimes(_ document: BenchDocument, by factor: Double) -> BenchDocument {
        scaling(document, by: factor) { $0.kind == .time && !referenceNames.contains($0.name) }
    }

    /// `document` with the named metrics' summaries multiplied by `factor`.
    static func scaling(_ document: BenchDocument, by factor: Double, where chosen: (BenchMetric) -> Bool) -> BenchDocument {
        var scaled = document
        for index in scaled.metrics.indices where chosen(scaled.metrics[index]) {
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

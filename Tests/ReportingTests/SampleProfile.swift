import Documents


/// A profile shaped like a real 20-reload session: three hot functions
/// (one named to test escaping), versions retained three at a time, memory
/// sampled around every load, a compile error and a refusal. dlopen misses
/// its goal, so the report shows a failing badge.
enum SampleProfile {
    static let scriptFunction = "<script>alert(\"x\")</script>"
    static let functions = ["update_player", "draw, \"hud\"", scriptFunction]

    static func make(reloads count: Int = 20, seed: UInt64 = 7, sourceLines: Int? = 420) -> ProfileDocument {
        var random = seed
        // A small LCG: the same numbers on every run, no Foundation randomness.
        func jitter(_ base: UInt64) -> UInt64 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return base / 2 + (random >> 33) % base
        }
        var reloads: [ReloadMeasurement] = []
        var versions = [VersionInfo(number: 1, loadedAt: 1_000_000, unloadedAt: nil, state: .retained, sections: sections, fileBytes: 18_000)]
        var memory: [MemorySample] = []
        var spans: [Span] = []
        var instants: [Instant] = []
        var now: UInt64 = 50_000_000
        for version in 2...(count + 1) {
            var phases: [Phase: UInt64] = [
                .detect: jitter(2_000_000), .parse: jitter(300_000), .check: jitter(500_000), .emit: jitter(1_200_000),
                .codegen: jitter(version == 9 ? 130_000_000 : 28_000_000), .link: jitter(10_000_000), .copy: jitter(40_000), .elfCheck: jitter(60_000),
                .dlopen: jitter(140_000), .waitForCheck: jitter(8_000_000), .swap: jitter(2_000), .firstCall: jitter(5_000),
            ]
            let lookups = functions.map { SymbolLookup(name: $0, nanoseconds: jitter(900)) }
            phases[.dlsym] = lookups.reduce(0) { $0 + $1.nanoseconds }
            let total = Phase.allCases.filter { $0 != .firstCall }.reduce(0) { $0 + (phases[$1] ?? 0) }
            let changed = [functions[version % functions.count]]
            let rssBefore = 40_000_000 + UInt64(version) * 30_000
            reloads.append(ReloadMeasurement(version: version, changed: changed, detectedAt: now, phases: phases, lookups: lookups,
                                             total: total, rssBefore: rssBefore, rssAfter: rssBefore + 60_000))
            var cursor = now
            spans.append(Span(name: "reload v\(version)", track: "pipeline", start: now, duration: total, version: version))
            for phase in Phase.allCases where phase != .firstCall {
                guard let duration = phases[phase] else { continue }
                spans.append(Span(name: phase.rawValue, track: "pipeline", start: cursor, duration: duration, version: version,
                                  arguments: phase == .dlsym ? ["symbols": functions.joined(separator: " ")] : [:]))
                cursor += duration
            }
            instants.append(Instant(name: "swap v\(version)", track: "pipeline", at: now + total, version: version, arguments: ["changed": changed[0]]))
            versions.append(VersionInfo(number: version, loadedAt: cursor - (phases[.waitForCheck] ?? 0) - (phases[.swap] ?? 0), unloadedAt: nil,
                                        state: .retained, sections: sections, fileBytes: 18_000))
            // Three versions stay loaded for rollback; the one before them is unloaded.
            if version > 4 { versions[version - 5].unloadedAt = now + total + 1_000; versions[version - 5].state = .unloaded }
            let sampleAt = now + total + 2_000
            memory.append(MemorySample(at: sampleAt, version: nil, rss: rssBefore + 60_000, mapped: 0, resident: 0, proportional: 0))
            for loaded in versions where loaded.unloadedAt == nil {
                memory.append(MemorySample(at: sampleAt, version: loaded.number, rss: rssBefore + 60_000, mapped: mapped(loaded.number),
                                           resident: 24_576, proportional: 12_288))
            }
            now += total + jitter(400_000_000)
        }
        versions[versions.count - 1].state = .current
        let failures = [
            FailedReload(at: 120_000_000, kind: .compileError, message: "game.vais:12:9: error: expected expression\n    let x = <\n            ^"),
            FailedReload(at: 900_000_000, kind: .refused, message: "hot function \(scriptFunction) changed its signature: (i64) -> i64 became (f64) -> i64"),
        ]
        return ProfileDocument(
            program: "/home/dev/games/<demo>/game.vais", startedAt: "2025-05-01T10:00:00Z",
            machine: MachineInfo(cpuModel: "AMD EPYC 7B13", cores: 8, kernel: "Linux 6.8.0", memoryBytes: 32_000_000_000),
            toolchain: ToolchainInfo(vaisHot: "0.1.0", swift: "Swift 6.3.1", clang: "clang 21.0.0"),
            settings: ["reloads": .integer(count), "debounceMilliseconds": .integer(100), "optimization": "-O0"]
                .merging(sourceLines.map { ["sourceLines": .integer($0)] } ?? [:]) { first, _ in first },
            reloads: reloads, failures: failures, versions: versions, memory: memory, spans: spans, instants: instants, counters: [],
            calls: [CallStatistics(function: scriptFunction, version: count + 1, calls: 1200, totalNanoseconds: 3_600_000, selfNanoseconds: 3_000_000,
                                   minimum: 1_800, p50: 2_900, p90: 4_100, p99: 9_000, maximum: 21_000)])
    }

    /// What a version maps in every sample: 80–88 KB, varying by version.
    static func mapped(_ version: Int) -> UInt64 { 81_920 + UInt64(version % 3) * 4_096 }

    static let sections = [SectionSize(name: ".text", bytes: 6_144), SectionSize(name: ".data", bytes: 512), SectionSize(name: ".rodata", bytes: 1_024)]
}

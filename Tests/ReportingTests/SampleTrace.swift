import Documents
@testable import Reporting

/// A trace shaped like five seconds of a small game in events mode: four
/// hot functions on two threads, three versions (swapped in at 1.62 s and
/// 3.31 s), about 2000 calls, and the callers' stacks main → game_loop →
/// update → physics_step. Every number is derived from the calls, so the
/// statistics agree with the events as a real session's would.
enum SampleTrace {
    static let frame: UInt64 = 16_666_667
    static let swapTimes: [UInt64] = [1_620_000_000, 3_310_000_000]
    static let length: UInt64 = 5_000_000_000

    static func make() -> TraceDocument {
        var random: UInt64 = 11
        // A small LCG: the same numbers on every run.
        func jitter(_ base: UInt64) -> UInt64 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return base * 3 / 4 + (random >> 33) % (base / 2)
        }
        func version(at time: UInt64) -> Int { 1 + swapTimes.filter { $0 <= time }.count }
        var calls: [TracedCall] = []
        // Each stack: how often it was sampled, and its leaf calls' own time (every call is sampled here).
        var stackSamples: [[String]: (count: UInt64, selfNanoseconds: UInt64)] = [:]
        func sample(_ frames: [String], selfTime: UInt64) {
            stackSamples[frames, default: (0, 0)].count += 1
            stackSamples[frames, default: (0, 0)].selfNanoseconds += selfTime
        }
        var selfTimes: [Int: UInt64] = [:]  // by index into calls
        let gameLoop = ["main (game.vais:120)", "game_loop (game.vais:98)"]

        var now: UInt64 = 2_000_000
        while now < length {
            let v = version(at: now)
            // update, with three physics substeps inside it.
            let updateIndex = calls.count
            let updateStart = now + 40_000
            calls.append(TracedCall(function: "update", version: v, thread: 0, start: updateStart, duration: 0, depth: 0))
            var cursor = updateStart + jitter(30_000)
            var children: UInt64 = 0
            for _ in 0..<3 {
                let duration = jitter([110_000, 160_000, 80_000][v - 1])
                calls.append(TracedCall(function: "physics_step", version: v, thread: 0, start: cursor, duration: duration, depth: 1))
                selfTimes[calls.count - 1] = duration
                sample(gameLoop + ["update (game.vais:42)", "physics_step [v\(v)]"], selfTime: duration)
                cursor += duration + jitter(8_000)
                children += duration
            }
            calls[updateIndex].duration = cursor + jitter(20_000) - updateStart
            selfTimes[updateIndex] = calls[updateIndex].duration - children
            sample(gameLoop + ["update [v\(v)]"], selfTime: selfTimes[updateIndex] ?? 0)
            let renderStart = updateStart + calls[updateIndex].duration + jitter(100_000)
            calls.append(TracedCall(function: "render_sprites", version: v, thread: 0, start: renderStart, duration: jitter(1_800_000), depth: 0))
            selfTimes[calls.count - 1] = calls[calls.count - 1].duration
            sample(["main (game.vais:120)", "game_loop (game.vais:101)", "render_sprites [v\(v)]"], selfTime: calls[calls.count - 1].duration)
            now += frame
        }
        var audio: UInt64 = 5_000_000
        while audio < length {
            let v = version(at: audio)
            calls.append(TracedCall(function: "mix_audio", version: v, thread: 1, start: audio, duration: jitter(45_000), depth: 0))
            selfTimes[calls.count - 1] = calls[calls.count - 1].duration
            sample(["audio_thread (audio.vais:12)", "mix_audio [v\(v)]"], selfTime: calls[calls.count - 1].duration)
            audio += 10_000_000
        }
        let order = calls.indices.sorted { calls[$0].start < calls[$1].start }

        let grouped = Dictionary(grouping: order) { Key(function: calls[$0].function, version: calls[$0].version) }
        let functions = grouped.keys.sorted { ($0.function, $0.version) < ($1.function, $1.version) }.map { key in
            let indices = grouped[key] ?? []
            let durations = indices.map { calls[$0].duration }
            return CallStatistics(function: key.function, version: key.version, calls: UInt64(indices.count),
                                  totalNanoseconds: durations.reduce(0, +), selfNanoseconds: indices.reduce(0) { $0 + (selfTimes[$1] ?? 0) },
                                  minimum: durations.min() ?? 0, p50: Statistics.percentile(durations, 50) ?? 0,
                                  p90: Statistics.percentile(durations, 90) ?? 0, p99: Statistics.percentile(durations, 99) ?? 0,
                                  maximum: durations.max() ?? 0, p25: Statistics.percentile(durations, 25),
                                  p75: Statistics.percentile(durations, 75))
        }
        let sorted = order.map { calls[$0] }
        let swaps = swapTimes.enumerated().map { index, at in
            VersionSwap(version: index + 2, at: at, firstCallAt: sorted.first { $0.start >= at }?.start, changedFunctions: ["physics_step"])
        }
        return TraceDocument(
            program: "/home/dev/games/demo/game.vais", startedAt: "2025-05-01T10:00:00Z",
            machine: MachineInfo(cpuModel: "AMD EPYC 7B13", cores: 8, kernel: "Linux 6.8.0", memoryBytes: 32_000_000_000),
            toolchain: ToolchainInfo(vaisHot: "0.1.0", swift: "Swift 6.3.1", clang: "clang 21.0.0"),
            settings: ["functions": "update,physics_step,render_sprites,mix_audio", "stackDepth": "8", "optimization": "-O1"],
            mode: "events", sampleEvery: 1, overheadNanoseconds: 11.6, functions: functions, calls: sorted, droppedCalls: 0,
            stacks: stackSamples.map { FoldedStack(frames: $0.key, count: $0.value.count, selfNanoseconds: $0.value.selfNanoseconds) }
                .sorted { ($0.count, $0.frames.joined()) > ($1.count, $1.frames.joined()) }, swaps: swaps)
    }

    private struct Key: Hashable {
        var function: String
        var version: Int
    }

    /// The same trace with one function renamed everywhere it appears.
    static func renaming(_ function: String, to name: String, in document: TraceDocument) -> TraceDocument {
        var document = document
        for index in document.functions.indices where document.functions[index].function == function { document.functions[index].function = name }
        for index in document.calls.indices where document.calls[index].function == function { document.calls[index].function = name }
        for index in document.stacks.indices {
            document.stacks[index].frames = document.stacks[index].frames.map { $0.hasPrefix(function + " ") ? name + $0.dropFirst(function.count) : $0 }
        }
        return document
    }
}

import Documents
import Foundation
import HotReload
import SystemProbes
import Tracing
import VaisCompiler

/// What a call of a hot function costs: directly, through its slot, and
/// through its tracing trampoline in stats and in events mode.
struct CallBench {
    let settings: BenchRunner.Settings
    let progress: @Sendable (String) -> Void

    static let program = """
    #[hot]
    F bench_step(x: i64) -> i64 = x + 1
    F main() -> i64 = bench_step(0)
    """

    func run() throws -> [BenchMetric] {
        let folder = settings.workFolder + "/calls"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = folder + "/calls.vais"
        try Self.program.write(toFile: source, atomically: false, encoding: .utf8)
        let reloader = try Reloader.launch(recipe: BuildRecipe(source: source, compileOptions: CompileOptions()),
                                           configuration: .init(buildRoot: folder + "/build"), observer: { _ in })
        defer { reloader.shutdown() }
        guard let stub = dlsym(reloader.host.handle, "vais.bench_step"),
              let direct = reloader.allLoadedVersions.last?.entryPoints["bench_step"] else { throw BenchFailure.noReloads("no bench_step") }
        let slotCall = unsafeBitCast(stub, to: (@convention(c) (Int64) -> Int64).self)
        let directCall = unsafeBitCast(direct, to: (@convention(c) (Int64) -> Int64).self)
        let calls = 200_000
        let rounds = settings.suite == .quick ? 9 : 21

        progress("calls/direct and through a slot")
        // Taken in turns, so a burst of load on the machine slows both alike
        // instead of all the samples of one.
        var directSamples: [Double] = []
        var slotSamples: [Double] = []
        for round in 0..<(rounds + 2) {
            let direct = try Self.perCall(directCall, calls)
            let slot = try Self.perCall(slotCall, calls)
            if round >= 2 {
                directSamples.append(direct)
                slotSamples.append(slot)
            }
        }
        progress("calls/traced, stats")
        Tracer(settings: .init(mode: .stats)).attach(to: reloader, tracing: ["bench_step"])
        let statsSamples = try Repeat.samples(warmUp: 2, count: rounds) { try Self.perCall(slotCall, calls) }
        progress("calls/traced, events")
        // Room for every call, so no call takes the cheaper path of a full buffer.
        Tracer(settings: .init(mode: .events, eventCapacity: calls * (rounds + 2) + 1)).attach(to: reloader, tracing: ["bench_step"])
        let eventSamples = try Repeat.samples(warmUp: 2, count: rounds) { try Self.perCall(slotCall, calls) }
        reloader.setTracing(["bench_step"], enabled: false)
        return [
            BenchMetric(name: "calls/direct", kind: .time, samples: directSamples),
            BenchMetric(name: "calls/through a slot", kind: .time, samples: slotSamples),
            BenchMetric(name: "calls/traced, stats mode", kind: .time, samples: statsSamples),
            BenchMetric(name: "calls/traced, events mode", kind: .time, samples: eventSamples),
        ]
    }

    /// Nanoseconds per call of `function` over `count` chained calls.
    @inline(never)
    static func perCall(_ function: @convention(c) (Int64) -> Int64, _ count: Int) throws -> Double {
        var value: Int64 = 0
        let start = MonotonicClock.now()
        for _ in 0..<count { value = function(value) }
        let elapsed = MonotonicClock.now() - start
        guard value == Int64(count) else { throw BenchFailure.wrongResult("bench_step", expected: Int64(count), got: value) }
        return Double(elapsed) / Double(count)
    }
}

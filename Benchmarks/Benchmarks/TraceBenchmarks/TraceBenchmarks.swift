// What tracing costs a call of a hot function: a chain of calls `x = f(x)`
// from Swift of `F step(x: i64) -> i64 = x + 1` through its host stub
// `vais.step` (which loads the slot and calls it), reported per call
// (scaling factor 1M), with the slot pointed
//
// - "Trace/untraced": at the function itself, as in "Call/slot" of
//   ReloadBenchmarks;
// - "Trace/stats": at its tracing trampoline `vais.trace.step`
//   (`Reloader.setTracing`), with a tracer in stats mode: every call reads
//   the clock twice and updates the function's statistics block;
// - "Trace/events": the same in events mode, where every call also appends
//   an event to its thread's buffer. The buffer holds 2M events and a new
//   Tracer (whose configure empties the buffers) is made before every
//   iteration, outside the measurement, so that no call finds it full and
//   the buffer's pages are already mapped: what the hooks cost;
// - "Trace/events, fresh buffer": events mode with a buffer large enough for
//   the whole run, never emptied: every iteration writes to pages it touches
//   first, as a long `vais-hot trace --mode events` does (page faults
//   included);
// - "Trace/events, buffer full": events mode with room for one event: every
//   call takes the drop path (counted, not kept), what calls cost once a
//   buffer is full;
// - "Trace/stats, sample 100": stats mode measuring one call in 100
//   (`--sample 100`); the other 99 only count.
//
// Each benchmark builds the program in its setup with `Reloader.launch`
// (front end, then clang -O0, the optimization the reloader uses by
// default) in a private folder that the teardown removes, and registers its
// tracer with `onVersionLoaded` and `announceLoadedVersions`, as
// `vais-hot trace` does. The setup calls `step` once and checks what the
// tracer recorded of it; each events benchmark also checks, once, after its
// first (warm-up) iteration, that its calls were kept or dropped as its
// name says.
//
// A Tracer is made on a thread of its own: it calibrates by calling the
// hooks, and in events mode the first hook call of a thread makes that
// thread's event buffer, with the capacity configured at the time, which
// during the calibration is 0. A thread whose buffer were made then would
// drop every event of the benchmark.
//
// Only wall-clock time is reported. Limits keep the whole target to well
// under a minute (about 20 s once built). The benchmarks print whole
// nanoseconds per call; `swift package benchmark --target TraceBenchmarks
// --scale` prints the time of a whole iteration (1,000,000 calls) instead,
// which resolves them to a tenth of a nanosecond or better.

import Benchmark
import BenchmarkSupport
import Foundation
import HotReload
import Tracing
import VaisCompiler

#if canImport(Glibc)
import Glibc
#endif

/// One hot function; `main` only because `Reloader.launch` builds programs
/// as `vais-hot run` does.
private let programSource = """
#[hot]
F step(x: i64) -> i64 = x + 1

F main() -> i64 = step(41) - 42

"""

/// Calls of `step` per iteration (the scaling factor).
private let callsPerIteration = 1_000_000

/// The program loaded by a reloader, its host stub, and the tracer its
/// versions are registered with (none for the untraced benchmark).
private final class TraceFixture {
    let directory: PrivateDirectory
    let reloader: Reloader
    let step: StepFunction
    let settings: Tracer.Settings?
    private(set) var tracer: Tracer?

    init(tracing settings: Tracer.Settings?) throws {
        let directory = try PrivateDirectory(parent: FileManager.default.temporaryDirectory.path, name: "vais-hot-trace-benchmarks")
        self.directory = directory
        self.settings = settings
        do {
            let source = directory.file("trace_benchmark.vais")
            try programSource.write(toFile: source, atomically: false, encoding: .utf8)
            reloader = try Reloader.launch(recipe: BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: false)),
                                           configuration: .init(buildRoot: directory.file("build")), observer: { _ in })
        } catch {
            directory.remove()
            throw error
        }
        guard let address = dlsym(reloader.host.handle, "vais.step") else {
            reloader.shutdown()
            directory.remove()
            throw SetupFailure(description: "no symbol `vais.step` in the host part")
        }
        step = unsafeBitCast(address, to: StepFunction.self)
        if settings != nil { restartTracer() }
    }

    /// Makes a new tracer (which configures the runtime afresh: empty event
    /// buffers, nothing dropped) and attaches it to the reloader: the loaded
    /// versions registered, `step` traced.
    func restartTracer() {
        guard let settings else { return }
        let tracer = Self.makeTracer(settings)
        self.tracer = tracer
        tracer.attach(to: reloader, tracing: ["step"])
    }

    /// A Tracer made on a thread of its own (see the top of the file).
    private static func makeTracer(_ settings: Tracer.Settings) -> Tracer {
        final class Result: @unchecked Sendable { var tracer: Tracer? }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        Thread {
            result.tracer = Tracer(settings: settings)
            done.signal()
        }.start()
        done.wait()
        return result.tracer!
    }

    /// What the tracer counted of `step` in version 1.
    var tracedCalls: UInt64 {
        tracer?.statistics().first { $0.function == "step" && $0.version == 1 }?.calls ?? 0
    }

    func tearDown() {
        reloader.shutdown()
        directory.remove()
    }
}

/// Holds one benchmark's fixture between its setup and its teardown, and
/// counts the calls made since its buffer was last emptied.
private final class FixtureBox: @unchecked Sendable {
    var fixture: TraceFixture?
    var calls = 0
    var checkedEvents = false

    func setUp(_ settings: Tracer.Settings?) throws {
        let fixture = try TraceFixture(tracing: settings)
        do {
            try check(fixture)
        } catch {
            // The runner does not tear down after a failed setup.
            fixture.tearDown()
            throw error
        }
        self.fixture = fixture
        calls = 1
    }

    func tearDown() {
        fixture?.tearDown()
        fixture = nil
    }
}

/// Calls `step` once to make sure it is the function we think it is, and
/// that the tracer (if any) saw the call as its settings say it should.
private func check(_ fixture: TraceFixture) throws {
    let result = fixture.step(41)
    guard result == 42 else { throw SetupFailure(description: "step(41) gave \(result), not 42") }
    guard let tracer = fixture.tracer else { return }
    guard fixture.tracedCalls == 1 else {
        throw SetupFailure(description: "the tracer counted \(fixture.tracedCalls) calls of step, not 1")
    }
    if tracer.settings.mode == .events {
        let (calls, dropped) = tracer.events()
        guard calls.count == 1, dropped == 0 else {
            throw SetupFailure(description: "the tracer kept \(calls.count) events and dropped \(dropped), not 1 and 0")
        }
    }
}

/// After the first iteration (a warm-up one) of an events benchmark: checks
/// that of the `calls` made since the tracer was made, the buffers kept
/// `kept` events (all when nil) and dropped the rest, so that the measured
/// calls took the path the benchmark says they take. Draining copies and
/// sorts every event, so it is done once.
private func checkEvents(_ benchmark: Benchmark, _ fixture: TraceFixture, _ box: FixtureBox, calls: Int, kept: ClosedRange<Int>? = nil) {
    guard !box.checkedEvents, let tracer = fixture.tracer else { return }
    box.checkedEvents = true
    let (events, dropped) = tracer.events()
    let expected = kept ?? calls...calls
    if !expected.contains(events.count) || events.count + Int(dropped) != calls {
        benchmark.error("of \(calls) calls the events buffers kept \(events.count) and dropped \(dropped); expected to keep \(expected)")
    }
}

/// Registers a benchmark whose setup builds, loads and (with `settings`)
/// traces the program, and whose teardown unloads and removes everything.
private func traceBenchmark(_ name: String, _ configuration: Benchmark.Configuration, tracing settings: Tracer.Settings?,
                            _ body: @escaping (Benchmark, TraceFixture, FixtureBox) throws -> Void) {
    let box = FixtureBox()
    Benchmark(
        name,
        configuration: configuration,
        closure: { benchmark in
            guard let fixture = box.fixture else {
                benchmark.error("the setup did not build the program")
                return
            }
            try body(benchmark, fixture, box)
        },
        setup: { try box.setUp(settings) },
        teardown: { box.tearDown() }
    )
}

let benchmarks: @Sendable () -> Void = {
    Tolerances.useDefaults(timeUnits: .nanoseconds, warmupIterations: 3)

    let calls = Benchmark.Configuration(scalingFactor: .mega, maxDuration: .seconds(4), maxIterations: 200)

    traceBenchmark("Trace/untraced", calls, tracing: nil) { benchmark, fixture, _ in
        blackHole(callChain(fixture.step, benchmark.scaledIterations.count))
    }

    traceBenchmark("Trace/stats", calls, tracing: Tracer.Settings(mode: .stats)) { benchmark, fixture, _ in
        blackHole(callChain(fixture.step, benchmark.scaledIterations.count))
    }

    traceBenchmark("Trace/stats, sample 100", calls, tracing: Tracer.Settings(mode: .stats, sampleEvery: 100)) { benchmark, fixture, _ in
        blackHole(callChain(fixture.step, benchmark.scaledIterations.count))
    }

    // Room for one iteration; emptied (by a new tracer) before each.
    let warmBuffer = 2 * callsPerIteration
    traceBenchmark("Trace/events", calls, tracing: Tracer.Settings(mode: .events, eventCapacity: warmBuffer)) { benchmark, fixture, box in
        let count = benchmark.scaledIterations.count
        guard count <= warmBuffer else {
            benchmark.error("\(count) calls do not fit in a buffer of \(warmBuffer) events")
            return
        }
        fixture.restartTracer()
        benchmark.startMeasurement()
        blackHole(callChain(fixture.step, count))
        benchmark.stopMeasurement()
        checkEvents(benchmark, fixture, box, calls: count)
    }

    // Room for the whole run, warm-up included, never emptied.
    let freshIterations = 12
    let fresh = Benchmark.Configuration(scalingFactor: .mega, maxDuration: .seconds(4), maxIterations: freshIterations)
    let runBuffer = (3 + freshIterations + 1) * callsPerIteration
    traceBenchmark("Trace/events, fresh buffer", fresh,
                   tracing: Tracer.Settings(mode: .events, eventCapacity: runBuffer)) { benchmark, fixture, box in
        let count = benchmark.scaledIterations.count
        guard box.calls + count <= runBuffer else {
            benchmark.error("\(box.calls + count) calls do not fit in a buffer of \(runBuffer) events")
            return
        }
        box.calls += count
        blackHole(callChain(fixture.step, count))
        checkEvents(benchmark, fixture, box, calls: box.calls)
    }

    traceBenchmark("Trace/events, buffer full", calls, tracing: Tracer.Settings(mode: .events, eventCapacity: 1)) { benchmark, fixture, box in
        let count = benchmark.scaledIterations.count
        box.calls += count
        blackHole(callChain(fixture.step, count))
        // One event kept per thread: the setup's call may have run on
        // another thread than the benchmark.
        checkEvents(benchmark, fixture, box, calls: box.calls, kept: 1...2)
    }
}

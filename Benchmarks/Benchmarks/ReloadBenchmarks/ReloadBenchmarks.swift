// The reload path, stage by stage, on a small program with four #[hot]
// functions (the cost a frame pays when `hot_check` swaps, and what every
// call of a hot function pays for going through its slot).
//
// - "Reload/dlopen": `dlopen(RTLD_NOW | RTLD_LOCAL)` of a new copy of the hot
//   part. dlopen caches by path, so every iteration first copies the .so to
//   a new numbered file (not measured); only the dlopen is timed, and the
//   handle is closed and the file removed after the measurement.
// - "Reload/VersionLoader.load": the loader's whole path for one version
//   (copy into the private directory, ELF manifest check, dlopen, dlsym of
//   the four functions); the unload is not measured.
// - "Reload/dlsym": one `dlsym` of a `vais.hot.NAME` symbol on an opened
//   version, cycling over the four; reported per lookup (scaling factor 1k).
// - "Reload/swap": `SlotTable.point(toWhole:)`, what `hot_check` does to swap:
//   one store per slot (four), alternating between two loaded versions;
//   reported per swap (scaling factor 1k).
// - "Call/direct" and "Call/slot": a chain of calls `x = f(x)` from Swift of
//   `F step(x: i64) -> i64 = x + 1`, (a) straight to `vais.hot.step` in the
//   hot part, (b) through the host stub `vais.step`, which loads the slot and
//   calls it; reported per call (scaling factor 1M).
// - "Call/Vais loop, ...": the Vais function `run_steps(n)`, a loop of
//   `acc = step(acc)`, n = 1M, reported per call: "slot", in the host part
//   of the split build, where each call loads the slot and calls through it
//   (the caller reads the slot itself; it does not go through the stub);
//   "plain, PLT", in a shared object built without the split
//   (`IREmitter.emit`), where the call goes through the PLT, because our
//   functions are preemptible symbols in a -fPIC shared object; "plain,
//   direct", the same build linked with -Bsymbolic-functions, where it is a
//   direct `call`.
//
// The parts are built once per benchmark in its setup (front end, then clang
// -O0, the optimization the reloader uses by default) in a private folder
// that the teardown removes. The host part is loaded once with
// RTLD_NOW | RTLD_LOCAL, and the hot part linked against it, as `vais-hot
// run` does: the hot part refers to its global, its slots and its functions. The program does not import std/hot:
// this executable does not export the hot_* runtime functions.
//
// Only wall-clock time is reported. Limits keep the whole target to well
// under a minute (about 7 s once built). The scaled benchmarks print whole
// nanoseconds per operation; `swift package benchmark --target
// ReloadBenchmarks --scale` prints the time of a whole iteration instead
// (1,000 or 1,000,000 operations), which resolves the calls, about 1.2 to
// 1.7 ns each, to the picosecond. Differences of a quarter of a nanosecond
// between the call variants depend on code layout (they change sign from
// one build of this executable to the next), not on the slot.

import Benchmark
import BenchmarkSupport
import Foundation
import HotReload
import VaisCompiler

#if canImport(Glibc)
import Glibc
#endif

/// Four hot functions that use a host global, a host function and another
/// hot function (through its slot); `run_steps` calls `step` from the host.
private let programSource = """
G counter: i64 = 0

F bump(n: i64) -> i64 {
    counter += n
    counter
}

#[hot]
F step(x: i64) -> i64 = x + 1

#[hot]
F scale(x: i64) -> i64 = x * 3 + counter

#[hot]
F mix(a: i64, b: i64) -> i64 = bump(a) + step(b)

#[hot]
F clamp(x: i64, lo: i64, hi: i64) -> i64 {
    I x < lo { R lo }
    I x > hi { R hi }
    x
}

F run_steps(n: i64) -> i64 {
    acc := mut 0
    L i: 0..n {
        acc = step(acc)
    }
    acc
}

"""

/// The built and loaded program one benchmark works on.
private final class ReloadFixture {
    let directory: PrivateDirectory
    let hotFunctions: [HotFunctionInfo]
    let loader: VersionLoader
    let host: HostProgram
    let slots: SlotTable
    /// The hot part as clang wrote it; never loaded itself, only copies.
    let hotPart: String
    /// The program built without the split, loaded with RTLD_DEEPBIND:
    /// as clang links it (calls go through the PLT), and linked with
    /// -Bsymbolic-functions (calls are direct).
    let plainHandle: UnsafeMutableRawPointer
    let symbolicHandle: UnsafeMutableRawPointer
    private(set) var versions: [LoadedVersion] = []
    /// Copies opened by `openFreshCopy`, closed at teardown.
    private var openedCopies: [UnsafeMutableRawPointer] = []
    private var nextNumber = 1

    init() throws {
        let options = CompileOptions(debugInfo: false, requireMain: false, standardLibrary: nil)
        let result = Compiler.compile(source: programSource, path: "reload_benchmark.vais", options: options)
        guard let program = result.program, !result.hasErrors else {
            throw SetupFailure(description: "the benchmark program did not compile:\n\(result.renderedDiagnostics())")
        }
        let split = IREmitter.emitSplit(program, debugInfo: false)
        let plain = IREmitter.emit(program, debugInfo: false)
        guard split.hotFunctions.count == 4 else {
            throw SetupFailure(description: "expected 4 hot functions, got \(split.hotFunctions.map(\.name))")
        }

        let directory = try PrivateDirectory(parent: FileManager.default.temporaryDirectory.path, name: "vais-hot-reload-benchmarks")
        self.directory = directory
        do {
            let toolchain = try Toolchain.locate()
            func build(_ ir: String, _ name: String, linkArguments: [String] = []) throws -> String {
                let irPath = directory.file("\(name).ll")
                let output = directory.file("\(name).so")
                try ir.write(toFile: irPath, atomically: false, encoding: .utf8)
                try toolchain.compile(ir: irPath, to: output, kind: .sharedObject, optimization: 0, extraArguments: linkArguments)
                unlink(irPath)
                return output
            }
            let hostPath = try build(split.host, "libreload.host")
            // As `vais-hot run` links it: against its host, which is loaded with its symbols local.
            hotPart = try build(split.hot, "reload.hot", linkArguments: [hostPath])
            let plainPath = try build(plain, "libreload.plain")
            let symbolicPath = try build(plain, "libreload.symbolic", linkArguments: ["-Wl,-Bsymbolic-functions"])

            hotFunctions = split.hotFunctions
            host = try HostProgram.load(hostPath, manifest: split.manifest, hotFunctions: split.hotFunctions)
            slots = try SlotTable(host: host.handle, hotFunctions: split.hotFunctions)
            loader = VersionLoader(directory: directory, libraryName: "reload", hostManifest: split.manifest)
            // The plain builds define the same `vais.*` names as the host:
            // deep binding keeps their calls inside them.
            func open(_ path: String) throws -> UnsafeMutableRawPointer {
                guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND) else {
                    throw SetupFailure(description: "dlopen \(path): " + (dlerror().map { String(cString: $0) } ?? "unknown error"))
                }
                return handle
            }
            plainHandle = try open(plainPath)
            symbolicHandle = try open(symbolicPath)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// A copy of the hot part at a path no earlier iteration used.
    func freshCopy() throws -> String {
        let path = directory.file("copy.v\(nextNumber).so")
        nextNumber += 1
        try FileManager.default.copyItem(atPath: hotPart, toPath: path)
        return path
    }

    /// Opens a fresh copy of the hot part as the loader would (its file is
    /// removed at once; the mapping stays until teardown).
    func openFreshCopy() throws -> UnsafeMutableRawPointer {
        let path = try freshCopy()
        defer { unlink(path) }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw SetupFailure(description: "dlopen \(path): " + (dlerror().map { String(cString: $0) } ?? "unknown error"))
        }
        openedCopies.append(handle)
        return handle
    }

    var candidate: VersionLoader.Candidate {
        VersionLoader.Candidate(sharedObject: hotPart, hotFunctions: hotFunctions, bodyHashes: [:], isStaged: false)
    }

    /// Loads the next version with the reloader's own loader; the fixture
    /// keeps it until `unload` or teardown.
    func loadVersion() throws -> LoadedVersion {
        let number = nextNumber
        nextNumber += 1
        switch loader.load(candidate, as: number) {
        case .success(let (version, _)):
            versions.append(version)
            return version
        case .failure(let failure):
            throw SetupFailure(description: failure.description)
        }
    }

    func unload(_ version: LoadedVersion) {
        versions.removeAll { $0 === version }
        loader.unload(version)
    }

    func tearDown() {
        for version in versions { loader.unload(version) }
        versions = []
        for handle in openedCopies { dlclose(handle) }
        openedCopies = []
        dlclose(plainHandle)
        dlclose(symbolicHandle)
        if let handle = host.handle { dlclose(handle) }
        directory.remove()
    }
}

/// Holds one benchmark's fixture, and what its setup prepared, between
/// its setup and its teardown.
private final class FixtureBox<State>: @unchecked Sendable {
    var fixture: ReloadFixture?
    var state: State?

    func setUp(_ prepare: (ReloadFixture) throws -> State) throws {
        let fixture = try ReloadFixture()
        self.fixture = fixture
        state = try prepare(fixture)
    }

    func tearDown() {
        state = nil
        fixture?.tearDown()
        fixture = nil
    }
}

/// Registers a benchmark whose setup builds and loads the program and runs
/// `prepare`, and whose teardown unloads and removes everything.
private func reloadBenchmark<State>(_ name: String, _ configuration: Benchmark.Configuration,
                                    prepare: @escaping (ReloadFixture) throws -> State,
                                    _ body: @escaping (Benchmark, ReloadFixture, State) throws -> Void) {
    let box = FixtureBox<State>()
    Benchmark(
        name,
        configuration: configuration,
        closure: { benchmark in
            guard let fixture = box.fixture, let state = box.state else {
                benchmark.error("the setup did not build the program")
                return
            }
            try body(benchmark, fixture, state)
        },
        setup: { try box.setUp(prepare) },
        teardown: { box.tearDown() }
    )
}

/// The address of `symbol` in a loaded version, looked up with dlsym on the
/// version's own handle (dlopen of a loaded path with RTLD_NOLOAD returns it).
private func lookUp(_ symbol: String, in version: LoadedVersion) throws -> StepFunction {
    guard let handle = dlopen(version.path, RTLD_NOW | RTLD_NOLOAD) else {
        throw SetupFailure(description: "version \(version.number) is not loaded")
    }
    defer { dlclose(handle) }
    guard let address = dlsym(handle, symbol) else { throw SetupFailure(description: "no symbol `\(symbol)`") }
    return unsafeBitCast(address, to: StepFunction.self)
}

private func lookUp(_ symbol: String, in handle: UnsafeMutableRawPointer?) throws -> StepFunction {
    guard let address = dlsym(handle, symbol) else { throw SetupFailure(description: "no symbol `\(symbol)`") }
    return unsafeBitCast(address, to: StepFunction.self)
}

/// Calls `function` once to make sure it is the function we think it is.
private func checked(_ function: StepFunction, _ argument: Int64, gives expected: Int64) throws -> StepFunction {
    let result = function(argument)
    guard result == expected else { throw SetupFailure(description: "f(\(argument)) gave \(result), not \(expected)") }
    return function
}

let benchmarks: @Sendable () -> Void = {
    Tolerances.useDefaults(timeUnits: .nanoseconds, warmupIterations: 3)

    // MARK: Loading a version

    let loading = Benchmark.Configuration(timeUnits: .microseconds, maxDuration: .seconds(4), maxIterations: 400)

    reloadBenchmark("Reload/dlopen", loading, prepare: { _ in () }) { benchmark, fixture, _ in
        let path = try fixture.freshCopy()
        benchmark.startMeasurement()
        let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)
        benchmark.stopMeasurement()
        guard let handle else {
            benchmark.error("dlopen \(path): " + (dlerror().map { String(cString: $0) } ?? "unknown error"))
            return
        }
        dlclose(handle)
        unlink(path)
    }

    reloadBenchmark("Reload/VersionLoader.load", loading, prepare: { _ in () }) { benchmark, fixture, _ in
        benchmark.startMeasurement()
        let version = try fixture.loadVersion()
        benchmark.stopMeasurement()
        fixture.unload(version)
    }

    // MARK: Looking up symbols

    let perOperation = Benchmark.Configuration(scalingFactor: .kilo, maxDuration: .seconds(4), maxIterations: 2_000)

    reloadBenchmark("Reload/dlsym", perOperation, prepare: { fixture in
        (handle: try fixture.openFreshCopy(), names: try ManagedCStrings(fixture.hotFunctions.map(\.hotSymbol)))
    }) { benchmark, _, state in
        let names = state.names.pointers
        let mask = names.count - 1
        for index in benchmark.scaledIterations {
            blackHole(dlsym(state.handle, names[index & mask]))
        }
    }

    // MARK: Swapping

    reloadBenchmark("Reload/swap (4 slots)", perOperation, prepare: { fixture in
        (try fixture.loadVersion(), try fixture.loadVersion())
    }) { benchmark, fixture, versions in
        for index in benchmark.scaledIterations {
            fixture.slots.point(toWhole: index & 1 == 0 ? versions.0 : versions.1)
        }
    }

    // MARK: Calls

    let calls = Benchmark.Configuration(scalingFactor: .mega, maxDuration: .seconds(4), maxIterations: 200)

    reloadBenchmark("Call/direct", calls, prepare: { fixture in
        let version = try fixture.loadVersion()
        fixture.slots.point(toWhole: version)
        return try checked(lookUp(HotSplit.hotSymbol(named: "step"), in: version), 41, gives: 42)
    }) { benchmark, _, step in
        blackHole(callChain(step, benchmark.scaledIterations.count))
    }

    reloadBenchmark("Call/slot", calls, prepare: { fixture in
        let version = try fixture.loadVersion()
        fixture.slots.point(toWhole: version)
        return try checked(lookUp("vais.step", in: fixture.host.handle), 41, gives: 42)
    }) { benchmark, _, step in
        blackHole(callChain(step, benchmark.scaledIterations.count))
    }

    reloadBenchmark("Call/Vais loop, slot", calls, prepare: { fixture in
        let version = try fixture.loadVersion()
        fixture.slots.point(toWhole: version)
        return try checked(lookUp("vais.run_steps", in: fixture.host.handle), 1_000, gives: 1_000)
    }) { benchmark, _, runSteps in
        blackHole(runSteps(Int64(benchmark.scaledIterations.count)))
    }

    reloadBenchmark("Call/Vais loop, plain, PLT", calls, prepare: { fixture in
        try checked(lookUp("vais.run_steps", in: fixture.plainHandle), 1_000, gives: 1_000)
    }) { benchmark, _, runSteps in
        blackHole(runSteps(Int64(benchmark.scaledIterations.count)))
    }

    reloadBenchmark("Call/Vais loop, plain, direct", calls, prepare: { fixture in
        try checked(lookUp("vais.run_steps", in: fixture.symbolicHandle), 1_000, gives: 1_000)
    }) { benchmark, _, runSteps in
        blackHole(runSteps(Int64(benchmark.scaledIterations.count)))
    }
}

/// C strings made once, so a lookup loop measures dlsym, not conversions.
private final class ManagedCStrings: @unchecked Sendable {
    let pointers: [UnsafeMutablePointer<CChar>]
    init(_ strings: [String]) throws {
        pointers = try strings.map { string in
            guard let copy = strdup(string) else { throw SetupFailure(description: "out of memory") }
            return copy
        }
    }
    deinit { pointers.forEach { free($0) } }
}

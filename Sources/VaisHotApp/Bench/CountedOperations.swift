import CBenchSupport
import Foundation
import HotReload
import Tracing
import VaisCompiler
import VaisWorkloads

/// The CPU-bound work whose instructions `vais-hot bench` counts: it runs
/// in a child process under callgrind (`vais-hot bench-count`), each
/// operation once to warm up and then once inside `vais_counted_region`,
/// which callgrind counts and dumps on its own. Only the calling thread is
/// counted, so everything runs on the compiler's own thread, where compiles
/// do not start threads of their own (and lowering stays on one thread).
public struct CountedOperations {
    /// One counted operation: its metric's name and how many repetitions of
    /// the measured thing one run of `body` holds (the count is divided by it).
    struct Operation {
        var name: String
        var repetitions: Int
        /// Set-up that must not be counted (attaching a tracer calibrates
        /// its clock for as long as that takes); runs before the warm-up.
        var prepare: () -> Void = {}
        var body: () throws -> Void
    }

    /// What the parent reads back: the operations in the order they were
    /// counted, which is the order of callgrind's dumps.
    public struct Manifest: Codable, Sendable {
        public struct Entry: Codable, Sendable {
            public var name: String
            public var repetitions: Int
        }

        public var operations: [Entry]
    }

    public static let callsPerCount = 100_000
    public static let reloadsPerCount = 3

    let settings: BenchRunner.Settings

    public init(settings: BenchRunner.Settings) {
        self.settings = settings
    }

    /// Runs every operation, warm then counted, and writes the manifest.
    public func run(manifestPath: String) throws {
        try Compiler.onCompilerThread { Result { try runOnThisThread(manifestPath: manifestPath) } }.get()
    }

    private func runOnThisThread(manifestPath: String) throws {
        try FileManager.default.createDirectory(atPath: settings.workFolder, withIntermediateDirectories: true)
        let callProgram = try launch(CallBench.program, named: "calls.vais", in: "counted-calls", debugInfo: false)
        defer { callProgram.shutdown() }
        let game = try launch(try String(contentsOfFile: settings.game.sourcePath, encoding: .utf8), named: "game.vais", in: "counted-reload",
                              debugInfo: true)
        defer { game.shutdown() }
        let operations = try frontEndOperations() + callOperations(callProgram) + [reloadOperation(game)]
        var manifest = Manifest(operations: [])
        for operation in operations {
            operation.prepare()
            try operation.body()
            var failure: (any Error)?
            CountedRegion.run {
                do { try operation.body() } catch { failure = error }
            }
            if let failure { throw failure }
            manifest.operations.append(.init(name: operation.name, repetitions: operation.repetitions))
        }
        try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
    }

    /// The front end of the generated programs and of the game, whole and,
    /// for 5,000 lines, phase by phase.
    private func frontEndOperations() throws -> [Operation] {
        var options = CompileOptions(standardLibrary: settings.game.compileOptions.standardLibrary)
        options.loweringThreads = 1
        let game = try String(contentsOfFile: settings.game.sourcePath, encoding: .utf8)
        let programs = [("1000 lines", SyntheticProgram.source(lines: 1_000), settings.workFolder + "/synthetic_1000.vais"),
                        ("5000 lines", SyntheticProgram.source(lines: 5_000), settings.workFolder + "/synthetic_5000.vais"),
                        ("5000 lines, generics", SyntheticGenericProgram.source(lines: 5_000), settings.workFolder + "/synthetic_generic_5000.vais"),
                        ("5000 lines, part 2 forms", SyntheticFormsProgram.source(lines: 5_000), settings.workFolder + "/synthetic_forms_5000.vais"),
                        ("game.vais", game, settings.game.sourcePath)]
        var operations = programs.map { label, source, path in
            Operation(name: "instructions/front end/\(label)", repetitions: 1) {
                let result = Compiler.compile(source: source, path: path, options: options)
                guard result.ir != nil else { throw BenchFailure.doesNotCompile(label, result.renderedDiagnostics()) }
            }
        }
        // The phases are counted on the tier-1 5,000-line program.
        let (_, source, path) = programs[1]
        let bytes = Array(source.utf8)
        let parsed = Compiler.parse(source: bytes, path: path, options: options)
        let checked = Compiler.check(parsed, options: options)
        operations += [
            Operation(name: "instructions/parse/5000 lines", repetitions: 1) { _ = Compiler.parse(source: bytes, path: path, options: options) },
            Operation(name: "instructions/check/5000 lines", repetitions: 1) { _ = Compiler.check(parsed, options: options) },
            Operation(name: "instructions/IR/5000 lines", repetitions: 1) { _ = Compiler.emit(checked, options: options) },
        ]
        return operations
    }

    /// `program` written to `folder` and loaded (not running, not watched).
    private func launch(_ program: String, named name: String, in folder: String, debugInfo: Bool) throws -> Reloader {
        let folder = settings.workFolder + "/" + folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = folder + "/" + name
        try program.write(toFile: source, atomically: false, encoding: .utf8)
        let recipe = BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: debugInfo,
                                                                                standardLibrary: settings.game.compileOptions.standardLibrary))
        return try Reloader.launch(recipe: recipe, configuration: .init(buildRoot: folder + "/build", retainedVersions: 3), observer: { _ in })
    }

    /// A call through the slot, then through the tracing trampoline in
    /// stats and in events mode, per call.
    private func callOperations(_ reloader: Reloader) throws -> [Operation] {
        guard let stub = dlsym(reloader.host.handle, "vais.bench_step") else { throw BenchFailure.noReloads("no bench_step") }
        let call = unsafeBitCast(stub, to: (@convention(c) (Int64) -> Int64).self)
        let calls = Self.callsPerCount
        func chained() throws {
            var value: Int64 = 0
            for _ in 0..<calls { value = call(value) }
            guard value == Int64(calls) else { throw BenchFailure.wrongResult("bench_step", expected: Int64(calls), got: value) }
        }
        return [
            Operation(name: "instructions/call through a slot", repetitions: calls) { try chained() },
            Operation(name: "instructions/traced call, stats mode", repetitions: calls, prepare: {
                Tracer(settings: .init(mode: .stats)).attach(to: reloader, tracing: ["bench_step"])
            }, body: chained),
            // Room for the warm-up's calls and the counted ones, so no call takes the cheaper path of a full buffer.
            Operation(name: "instructions/traced call, events mode", repetitions: calls, prepare: {
                Tracer(settings: .init(mode: .events, eventCapacity: 2 * calls + 1)).attach(to: reloader, tracing: ["bench_step"])
            }, body: chained),
        ]
    }

    /// Reloads of a copy of the game, forced, as `hot_reload` makes them:
    /// everything a reload runs in vais-hot's own process (front end, the
    /// IR written, ELF check, dlopen, dlsym, swap, unloading what left the
    /// retained window). The stripped copy that callgrind runs has no
    /// libVaisBackend.so beside it, so its hot parts are built by clang and
    /// lld in children, which callgrind does not follow: this counts
    /// vais-hot's own work, not LLVM's (`reload/codegen` times that).
    private func reloadOperation(_ reloader: Reloader) -> Operation {
        Operation(name: "instructions/reload in process (game.vais)", repetitions: Self.reloadsPerCount) {
            for _ in 0..<Self.reloadsPerCount {
                guard reloader.reloadNow() == 1 else { throw BenchFailure.noReloads("a forced reload of game.vais failed") }
            }
        }
    }
}

/// Calls a Swift closure through `vais_counted_region`.
enum CountedRegion {
    static func run(_ body: () -> Void) {
        withoutActuallyEscaping(body) { escapable in
            var closure = escapable
            withUnsafeMutablePointer(to: &closure) { pointer in
                vais_counted_region({ context in
                    context?.assumingMemoryBound(to: (() -> Void).self).pointee()
                }, pointer)
            }
        }
    }
}

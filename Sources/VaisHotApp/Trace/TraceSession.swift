import Documents
import Foundation
import HotReload
import SystemProbes
import Tracing

/// `vais-hot trace`: runs a program like `vais-hot run` (edits still
/// reload) with the slots of the chosen hot functions pointed at their
/// tracing trampolines, and collects what they recorded.
public final class TraceSession: @unchecked Sendable {
    public struct Settings: Sendable {
        public var recipe: BuildRecipe
        /// The hot functions to trace; nil traces them all.
        public var functions: [String]?
        public var tracer: Tracer.Settings
        public var reloader: Reloader.Configuration

        public init(recipe: BuildRecipe, functions: [String]?, tracer: Tracer.Settings, reloader: Reloader.Configuration) {
            self.recipe = recipe
            self.functions = functions
            self.tracer = tracer
            self.reloader = reloader
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unknownFunctions([String], available: [String])
        public var description: String {
            switch self {
            case .unknownFunctions(let names, let available):
                return "not #[hot] functions of the program: \(names.joined(separator: ", ")); the hot functions are \(available.joined(separator: ", "))"
            }
        }
    }

    public let settings: Settings
    public let reloader: Reloader
    public let tracer: Tracer
    private let startedAt = ISO8601DateFormatter().string(from: Date())

    /// Builds and loads the program and points the chosen slots at their
    /// trampolines; `observer` also sees every reload event.
    public init(settings: Settings, observer: @escaping @Sendable (ReloadEvent) -> Void) throws {
        self.settings = settings
        let swapsBox = SwapLog()
        // The trace says when each version served its first call.
        var recipe = settings.recipe
        recipe.compileOptions.profilingCounters = true
        reloader = try Reloader.launch(recipe: recipe, configuration: settings.reloader) { event in
            if case .swapped(let record) = event { swapsBox.append(record) }
            observer(event)
        }
        swapLog = swapsBox
        tracer = Tracer(settings: settings.tracer)
        let available = reloader.host.hotFunctions.map(\.name)
        let chosen = settings.functions ?? available
        let unknown = chosen.filter { !available.contains($0) }
        guard unknown.isEmpty else {
            reloader.shutdown()
            throw Failure.unknownFunctions(unknown, available: available.sorted())
        }
        // A function added while the program runs takes a spare slot (docs/TRACING.md):
        // traced when every function is, else left out and named.
        tracer.attach(to: reloader, tracing: Set(chosen), tracingAddedFunctions: settings.functions == nil)
        if settings.functions != nil {
            reloader.onSpareSlotTaken = { [swapsBox] function in
                swapsBox.appendSpared(function)
                observer(.warning("`\(function)` was added while the program runs (it is in a spare slot) and is not traced: --functions chose before it existed"))
            }
        }
    }

    private let swapLog: SwapLog

    /// Functions added while the program ran, in spare slots, which the
    /// trace leaves out.
    public var untracedFunctions: [String] { swapLog.sparedFunctions }

    /// Runs the program's `main` on the calling thread, with the source
    /// watched; returns its exit code.
    public func runProgram() -> Int32 {
        reloader.startWatching()
        return reloader.runMain()
    }

    /// What the tracer recorded, as a document.
    public func document() -> TraceDocument {
        let (calls, dropped) = settings.tracer.mode == .events ? tracer.events() : ([], 0)
        let swaps = swapLog.records.map { record in
            VersionSwap(version: record.version, at: tracer.relative(record.swappedAt),
                        firstCallAt: firstCallTime(of: record.version).map { tracer.relative($0) },
                        changedFunctions: record.changedFunctions, rebuiltFunctions: record.rebuiltFunctions)
        }
        var described: [String: SettingValue] = [
            "functions": .text((settings.functions ?? reloader.host.hotFunctions.map(\.name)).joined(separator: ", ")),
            "optimization": "-O\(settings.recipe.optimization)",
            "eventCapacity": .integer(settings.tracer.eventCapacity),
            "stackDepth": .integer(settings.tracer.stackDepth),
            "callCostNanoseconds": .number((tracer.callCostNanoseconds * 10).rounded() / 10),
        ]
        if !untracedFunctions.isEmpty { described["untracedFunctions"] = .text(untracedFunctions.joined(separator: ", ")) }
        return TraceDocument(program: settings.recipe.sourcePath, startedAt: startedAt, machine: .current(),
                             toolchain: .probe(reloader.builder?.toolchain ?? Toolchain(clang: "clang"), hotPartBackend: reloader.builder?.backend),
                             settings: described,
                             mode: settings.tracer.mode.rawValue, sampleEvery: settings.tracer.sampleEvery,
                             overheadNanoseconds: tracer.overheadNanoseconds, functions: tracer.statistics(), calls: calls,
                             droppedCalls: dropped, stacks: tracer.stacks(), swaps: swaps,
                             resolutionNanoseconds: tracer.resolutionNanoseconds)
    }
}

extension TraceSession {
    /// When a version still loaded served its first call.
    private func firstCallTime(of number: Int) -> UInt64? {
        reloader.allLoadedVersions.first { $0.number == number }.flatMap(HotPartCounters.firstCallTime)
    }
}

/// The swaps seen during a session, and the functions that took a spare
/// slot, appended from the reloader's threads.
private final class SwapLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ReloadRecord] = []
    private var spared: [String] = []

    func append(_ record: ReloadRecord) {
        lock.lock()
        list.append(record)
        lock.unlock()
    }

    func appendSpared(_ function: String) {
        lock.lock()
        spared.append(function)
        lock.unlock()
    }

    var records: [ReloadRecord] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }

    var sparedFunctions: [String] {
        lock.lock()
        defer { lock.unlock() }
        return spared
    }
}

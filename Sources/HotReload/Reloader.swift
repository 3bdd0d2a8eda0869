import CHotSupport
import Foundation
import SystemProbes
import VaisCompiler

/// The hot-reload state machine of one running program: idle, building
/// (off the program's thread), ready, swapped; rollback after a crash. It
/// owns the versions, the slots and the watcher; the runtime API
/// (`hot_check`, `hot_loop`, ...) calls into it. It measures nothing
/// beyond the time of its own stages: it tells its observer what it does
/// (`ReloadEvent`), and whoever measures does so there.
public final class Reloader: @unchecked Sendable {
    /// How the reloader keeps versions; what to build is the `BuildRecipe`.
    public struct Configuration: Sendable {
        /// The folder the private build directory is made in.
        public var buildRoot: String
        /// Versions kept loaded (the current one included) for rollback.
        public var retainedVersions: Int
        public var debounceMilliseconds: Int
        /// How long hot code may go on running after a newer version is
        /// ready before the watchdog interrupts it (in a `hot_loop`) or
        /// reports it.
        public var watchdogSeconds: Double
        /// Versions and failed edits the history keeps; nil (a profile)
        /// keeps all it reports.
        public var historyLimit: Int?

        public init(buildRoot: String, retainedVersions: Int = 3, debounceMilliseconds: Int = 100, watchdogSeconds: Double = 2,
                    historyLimit: Int? = nil) {
            self.buildRoot = buildRoot
            self.retainedVersions = max(1, retainedVersions)
            self.debounceMilliseconds = debounceMilliseconds
            self.watchdogSeconds = max(0.01, watchdogSeconds)
            self.historyLimit = historyLimit
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case initialBuild(String)

        public var description: String {
            switch self {
            case .initialBuild(let text): return text
            }
        }
    }

    public let configuration: Configuration
    public let directory: PrivateDirectory
    /// Where each build's hot part lands in the directory before it is
    /// renamed to its version's name.
    static let stagingName = "staging.so"
    /// Compiles new versions; nil until the program says where its source
    /// is (a `build --hot` executable does so with `hot_init`).
    public internal(set) var builder: HotPartBuilder?
    let loader: VersionLoader
    /// Guarded by `lock`; grows by the spare slots versions take.
    var slots: SlotTable
    /// The host's manifest with the spare slots given out so far and the
    /// capture layouts of the closures in them (`ABIManifest+Spares`): what
    /// each build is made and checked against. Guarded by `buildLock`.
    var runningManifest: ABIManifest
    public let host: HostProgram
    let watcher: FileWatcher
    private let observer: @Sendable (ReloadEvent) -> Void

    /// Guards everything below; held only briefly, never across a build.
    let lock = NSLock()
    /// One build at a time: the watcher's and a forced `hot_reload`.
    let buildLock = NSLock()
    /// Loaded and retained versions, oldest first; the last is current.
    var versions: [LoadedVersion] = []
    /// Versions out of the retained window, unloaded once no call can
    /// still be running in them.
    var retired: [LoadedVersion] = []
    /// What the slots run after each retained version's swap, and after
    /// the pending one's, by version number.
    var assignments: [Int: SlotAssignment] = [:]
    /// Built and loaded, waiting for `hot_check`.
    var pending: (version: LoadedVersion, record: ReloadRecord)?
    /// Set once the program calls `hot_check` or `hot_loop`: from then on
    /// it decides when versions swap.
    var isManaged = false
    var failedSinceCheck = false
    var badVersions: Set<Int> = []
    var callbacks: [@convention(c) (Int64) -> Void] = []
    var nextVersion = 2
    var lastDigest: String?
    /// The digest of the last edit refused for its errors or its ABI, which
    /// the same bytes saved again would only repeat.
    var lastRejectedDigest: String?
    /// The files the last build read, whose contents `lastDigest` covers.
    var lastSourceFiles: [String] = []
    var lastBodyHashes: [String: String]
    /// The thread running the program's `main`, while it does; guarded by
    /// `programThreadLock`, held across every look at its stack so that
    /// the thread cannot end meanwhile (a signal to a thread that ended
    /// is undefined behaviour).
    var programThread: pthread_t?
    let programThreadLock = NSLock()
    private var watcherThread: Thread?
    let watchdog = Watchdog()
    /// Set while the program is inside `hot_loop`; the iteration running
    /// now, if any, with its thread and the token the watchdog names it by.
    var isLooping = false
    var loopIteration: (thread: pthread_t, token: UInt64)?
    var nextLoopToken: UInt64 = 1
    /// The newest version the watchdog has reported an overrun for (or,
    /// for a program that never calls hot_check, looked at), so each is
    /// told once.
    var reportedOverrun: Int?
    /// When the current version's slots were stored.
    var currentSwappedAt: UInt64?
    /// What happened to each version, for reports.
    public let history: VersionHistory
    /// Hot functions whose slots point at their tracing trampolines.
    var tracedFunctions: Set<String> = []
    /// Called with each new version before any call can reach it, and with
    /// each version about to be unloaded (a tracer registers and collects
    /// its statistics blocks there).
    public var onVersionLoaded: (@Sendable (LoadedVersion) -> Void)?
    public var onVersionUnloading: (@Sendable (LoadedVersion) -> Void)?
    /// Called with each function that takes a spare slot, before the
    /// version that adds it can be swapped in (a tracer traces it from there).
    public var onSpareSlotTaken: (@Sendable (String) -> Void)?
    /// Turns a code address into `file.vais:line` for crash reports; set by
    /// whoever has a symbolizer (the command line wires in libdw's).
    public var sourceLineResolver: (@Sendable (UInt) -> String?)?

    /// Takes over a loaded host: finds its slots, loads the first hot part
    /// as version 1 and points the slots at it.
    init(configuration: Configuration, programName: String, directory: PrivateDirectory, host: HostProgram, first: VersionLoader.Candidate,
         builder: HotPartBuilder?, observer: @escaping @Sendable (ReloadEvent) -> Void) throws {
        self.configuration = configuration
        self.directory = directory
        self.host = host
        self.builder = builder
        self.observer = observer
        history = VersionHistory(limit: configuration.historyLimit)
        loader = VersionLoader(directory: directory, libraryName: programName, hostManifest: host.manifest)
        slots = try SlotTable(host: host.handle, hotFunctions: host.hotFunctions)
        runningManifest = host.manifest
        watcher = try FileWatcher(debounceMilliseconds: configuration.debounceMilliseconds)
        lastBodyHashes = first.bodyHashes
        switch loader.load(first, as: 1) {
        case .success(let (version, _)):
            let assignment = SlotAssignment(whole: version, digests: first.digests)
            slots.point(to: assignment)
            assignments[1] = assignment
            versions = [version]
            history.loaded(version)
        case .failure(let failure):
            throw Failure.initialBuild(failure.description)
        }
    }

    /// `vais-hot run`: builds the program's first version, loads its host
    /// part into this process (so its globals and slots live here) and
    /// points the slots at the hot part.
    public static func launch(recipe: BuildRecipe, configuration: Configuration,
                              observer: @escaping @Sendable (ReloadEvent) -> Void) throws -> Reloader {
        let stem = recipe.programName
        let directory = try PrivateDirectory(parent: configuration.buildRoot, name: stem)
        do {
            let builder = HotPartBuilder(recipe: recipe, toolchain: try Toolchain.locate())
            let hostLibrary = directory.file("lib\(stem).host.so")
            let first: HotPartBuilder.Build
            switch builder.build(hotPartTo: directory.file(Self.stagingName), scratch: directory, hostLibrary: hostLibrary) {
            case .success(let build): first = build
            case .failure(let failure): throw Failure.initialBuild(failure.description)
            }
            try directory.verify()
            let host = try HostProgram.load(hostLibrary, manifest: first.manifest, hotFunctions: first.hotFunctions)
            let reloader = try Reloader(configuration: configuration, programName: stem, directory: directory, host: host, first: first.candidate,
                                        builder: builder, observer: observer)
            if let reason = directory.fallbackReason { observer(.warning(reason)) }
            reloader.lastDigest = first.sourceDigest
            reloader.lastSourceFiles = first.sourceFiles
            reloader.watcher.watch(first.sourceFiles)
            return reloader
        } catch {
            directory.remove()
            throw error
        }
    }

    /// Starts watching the source; rebuilds run on a thread of their own.
    public func startWatching() {
        lock.lock()
        defer { lock.unlock() }
        guard watcherThread == nil else { return }
        watcherThread = startThread(named: "hot-watcher") { [weak self] in
            // Builds run on a thread with the compiler's deep stack, so that
            // parse, check and lowering run on it instead of each on a thread
            // started for it: on a busy machine every new thread waited for
            // a core, milliseconds a phase.
            Compiler.onCompilerThread {
                hot_name_current_thread("hot-watcher")
                self?.watchLoop()
            }
        }
        watchdog.start(interval: min(0.25, configuration.watchdogSeconds / 4)) { [weak self] in self?.watchdogTick() }
    }

    public var currentVersion: Int {
        lock.lock()
        defer { lock.unlock() }
        return versions.last?.number ?? 0
    }

    /// The loaded versions, oldest first, and the retired ones still mapped.
    /// Every version loaded now, the current one last among the retained.
    public var allLoadedVersions: [LoadedVersion] {
        lock.lock()
        defer { lock.unlock() }
        return retired + versions
    }

    /// Points the slots of `functions` at their tracing trampolines (or back
    /// at the functions): one slot store each, no rebuild.
    public func setTracing(_ functions: Set<String>, enabled: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if enabled { tracedFunctions.formUnion(functions) } else { tracedFunctions.subtract(functions) }
        if let current = versions.last, let assignment = assignments[current.number] { slots.point(to: assignment, traced: tracedFunctions) }
    }

    /// Hands the first version to `onVersionLoaded` (set after it loaded).
    public func announceLoadedVersions() {
        for version in allLoadedVersions { onVersionLoaded?(version) }
    }

    /// The version built and loaded that waits for `hot_check`, if any.
    public var pendingVersion: LoadedVersion? {
        lock.lock()
        defer { lock.unlock() }
        return pending?.version
    }

    /// Versions a slot points into, now or once the pending one is swapped
    /// in (a partial version leaves the other slots where they were).
    public var versionsUsedBySlots: Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        let live = versions.map(\.number) + (pending.map { [$0.version.number] } ?? [])
        return Set(live.compactMap { assignments[$0] }.flatMap { $0.code.values.map(\.number) })
    }

    public var loadedVersions: (retained: [Int], retired: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        return (versions.map(\.number), retired.map(\.number))
    }

    func emit(_ event: ReloadEvent) { observer(event) }

    private func watchLoop() {
        while let detected = watcher.nextChange(clock: MonotonicClock.now) {
            rebuild(detectedAt: detected, force: false)
        }
    }
}

import Documents
import Foundation
import HotReload
import SystemProbes
import VaisCompiler

/// `vais-hot profile`: hosts a program like `run`, edits a copy of its
/// source (or waits for the user's saves), and measures every reload and
/// the memory of every version into a `ProfileDocument`.
public final class ProfileSession: @unchecked Sendable {
    public struct Settings: Sendable {
        public var recipe: BuildRecipe
        public var reloads: Int
        /// Calls the new version must serve before the next edit.
        public var frames: Int
        public var editScript: String?
        public var interactive: Bool
        /// Seconds an interactive session lasts (nil: until stopped).
        public var duration: Double?
        public var outputFolder: String
        public var reloader: Reloader.Configuration
        /// Runs once the program is loaded and before `main` starts: where
        /// the runtime API is bound and a tracer attached.
        public var prepare: (@Sendable (Reloader) -> Void)?

        public init(recipe: BuildRecipe, reloads: Int, frames: Int, editScript: String?, interactive: Bool, duration: Double?,
                    outputFolder: String, reloader: Reloader.Configuration, prepare: (@Sendable (Reloader) -> Void)? = nil) {
            self.recipe = recipe
            self.reloads = reloads
            self.frames = frames
            self.editScript = editScript
            self.interactive = interactive
            self.duration = duration
            self.outputFolder = outputFolder
            self.reloader = reloader
            self.prepare = prepare
        }
    }

    /// What the live progress line shows.
    public struct Progress: Sendable {
        public let completed: Int
        public let planned: Int?
        public let last: ReloadRecord?
        public let failures: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case timedOut(String)
        public var description: String {
            switch self {
            case .timedOut(let what): return "the profile stopped waiting for \(what)"
            }
        }
    }

    let settings: Settings
    private let progress: @Sendable (Progress) -> Void
    let measurer = ReloadMeasurer(recorder: Recorder(), keepsReloads: true)
    /// Guards the lists and counts below; `changed` is signalled on every event.
    let lock = NSLock()
    let changed = NSCondition()
    private var records: [ReloadRecord] = []
    private var failureCount = 0
    var outcomes = 0
    /// From an edit being saved until it led somewhere (driven edits only).
    var editInFlight = false
    /// Held by a timed memory sample, so that an edit is saved only once none runs.
    let sampling = NSLock()
    private var samples: [MemorySample] = []
    var stopRequested = false
    var programFinished = false
    public private(set) var reloader: Reloader?

    /// Wall-clock start, ISO 8601.
    let startedAt = ISO8601DateFormatter().string(from: Date())

    public init(settings: Settings, progress: @escaping @Sendable (Progress) -> Void) {
        self.settings = settings
        self.progress = progress
    }

    /// Ends an interactive session (Ctrl-C).
    public func stop() {
        changed.lock()
        stopRequested = true
        changed.broadcast()
        changed.unlock()
    }

    /// Runs the session. The program keeps running on its thread afterwards
    /// if it has not ended; the caller decides when the process exits.
    public func run() throws -> ProfileDocument {
        try FileManager.default.createDirectory(atPath: settings.outputFolder, withIntermediateDirectories: true)
        var recipe = settings.interactive ? settings.recipe
            : settings.recipe.building(try WorkingCopy.make(of: settings.recipe, in: (settings.outputFolder as NSString).appendingPathComponent("work")))
        // The session waits for each version's first call and counts its calls.
        recipe.compileOptions.profilingCounters = true
        let workSource = recipe.sourcePath
        let plan = settings.interactive ? nil : try (settings.editScript.map { try EditPlan.script($0) }
            ?? EditPlan.tuneConstants(in: String(contentsOfFile: workSource, encoding: .utf8), path: workSource))
        let reloader = try Reloader.launch(recipe: recipe, configuration: settings.reloader) { [weak self] event in self?.observe(event) }
        self.reloader = reloader
        settings.prepare?(reloader)
        reloader.startWatching()
        startProgram(reloader)
        let sampler = startSampling(reloader)
        defer { sampler.cancel() }

        waitForFirstCall(of: 1, seconds: 10)
        if let plan {
            try drive(plan, source: workSource)
        } else {
            waitForStop()
        }
        appendSamples(measurer.sampleMemory(reloader))
        var document = ProfileAssembler(session: self).document(reloader: reloader, records: snapshotRecords(),
                                                                 samples: snapshotSamples(), plan: plan)
        document.clangStartUpNanoseconds = measureClangStartUp(reloader)
        return document
    }

    // MARK: The program and the sampler

    /// Runs `main` on the program's thread. A profile needs hot calls to
    /// measure, so a `main` that ends while edits remain is run again (its
    /// globals keep their values) until the session is over.
    private func startProgram(_ reloader: Reloader) {
        let thread = Thread { [weak self] in
            while let self, !self.sessionOver() {
                _ = reloader.runMain()
                if self.settings.interactive { break }
            }
            self?.markProgramFinished()
        }
        thread.stackSize = 64 << 20
        thread.name = "vais program"
        thread.start()
    }

    private var isOver = false

    private func sessionOver() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return isOver
    }

    /// Tells the program thread not to start `main` again.
    public func finish() {
        lock.lock()
        isOver = true
        lock.unlock()
    }

    /// Waits (at most `seconds`) for the program's current `main` to end.
    public func waitForProgram(seconds: Double) {
        _ = waitUntil(seconds: seconds) { self.programFinishedFlag() }
    }

    private func markProgramFinished() {
        changed.lock()
        programFinished = true
        changed.broadcast()
        changed.unlock()
    }

    private func startSampling(_ reloader: Reloader) -> DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "vais-hot memory sampler"))
        timer.schedule(deadline: .now(), repeating: .milliseconds(50))
        timer.setEventHandler { [weak self] in
            // Reading /proc/self/smaps costs milliseconds of a core (the kernel
            // walks every mapping's pages, LLVM's included, holding the lock
            // that mmap and dlopen wait for): never while an edit is being
            // reloaded, which is what the profile measures. Each swap takes
            // its own sample once done.
            guard let self else { return }
            self.sampling.withLock {
                guard !self.lock.withLock({ self.editInFlight }) else { return }
                self.appendSamples(self.measurer.sampleMemory(reloader))
            }
        }
        timer.resume()
        return timer
    }

    private func appendSamples(_ new: [MemorySample]) {
        lock.lock()
        samples += new
        lock.unlock()
    }

    private func snapshotSamples() -> [MemorySample] {
        lock.lock()
        defer { lock.unlock() }
        return samples
    }

    func snapshotRecords() -> [ReloadRecord] {
        lock.lock()
        defer { lock.unlock() }
        return records
    }

    private func observe(_ event: ReloadEvent) {
        measurer.observe(event)
        lock.lock()
        switch event {
        case .swapped(let record):
            records.append(record)
            outcomes += 1
        case .buildFailed, .refused:
            failureCount += 1
            outcomes += 1
        case .rolledBack:
            failureCount += 1
        case .unchanged:
            outcomes += 1
        default:
            break
        }
        let update = Progress(completed: records.count, planned: settings.interactive ? nil : settings.reloads, last: records.last,
                              failures: failureCount)
        lock.unlock()
        if case .swapped = event, let reloader { appendSamples(measurer.sampleMemory(reloader)) }
        changed.lock()
        changed.broadcast()
        changed.unlock()
        switch event {
        case .swapped:
            progress(update)
        case .buildFailed, .refused, .rolledBack, .warning, .spareSlotTaken, .interrupted, .overran:
            // Anything but a swap gets its own line; swaps show on the progress line.
            progress(update)
            ReloadEvent.log(event)
        default:
            break
        }
    }
}

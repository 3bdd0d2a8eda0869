/// Everything one tracing session recorded, as written to `trace.json`'s
/// sibling files by `vais-hot trace`. Times are nanoseconds since the
/// session started (monotonic clock), with the trampoline's own measured
/// cost already subtracted from every duration.
public struct TraceDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var program: String
    public var startedAt: String
    public var machine: MachineInfo
    public var toolchain: ToolchainInfo
    public var settings: [String: SettingValue]
    /// `stats`, `events` or `sample`.
    public var mode: String
    /// Sampling one call in this many (1 when every call is measured).
    public var sampleEvery: Int
    /// The trampoline's measured cost per call, subtracted from every time.
    public var overheadNanoseconds: Double
    /// How far that calibration can be off: a time at or below it cannot be
    /// told from zero, and reports say "below resolution" rather than a
    /// number. Absent from documents of older vais-hot.
    public var resolutionNanoseconds: Double?
    /// Per hot function and version.
    public var functions: [CallStatistics]
    /// Every call's entry and exit (events mode), in order of entry.
    public var calls: [TracedCall]
    /// Calls not recorded because a thread's event buffer was full.
    public var droppedCalls: UInt64
    /// Sampled callers' stacks, root first, with how often each was seen.
    public var stacks: [FoldedStack]
    /// When each version was swapped in, and when it served its first call.
    public var swaps: [VersionSwap]

    public init(program: String, startedAt: String, machine: MachineInfo, toolchain: ToolchainInfo, settings: [String: SettingValue],
                mode: String, sampleEvery: Int, overheadNanoseconds: Double, functions: [CallStatistics], calls: [TracedCall],
                droppedCalls: UInt64, stacks: [FoldedStack], swaps: [VersionSwap], resolutionNanoseconds: Double? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.program = program
        self.startedAt = startedAt
        self.machine = machine
        self.toolchain = toolchain
        self.settings = settings
        self.mode = mode
        self.sampleEvery = sampleEvery
        self.overheadNanoseconds = overheadNanoseconds
        self.resolutionNanoseconds = resolutionNanoseconds
        self.functions = functions
        self.calls = calls
        self.droppedCalls = droppedCalls
        self.stacks = stacks
        self.swaps = swaps
    }
}

/// One call of a hot function, from the events buffer.
public struct TracedCall: Codable, Sendable, Equatable {
    public var function: String
    public var version: Int
    /// The thread that made the call (small numbers, in order of first call).
    public var thread: Int
    public var start: UInt64
    public var duration: UInt64
    /// Nesting among traced calls on that thread, 0 for the outermost.
    public var depth: Int

    public init(function: String, version: Int, thread: Int, start: UInt64, duration: UInt64, depth: Int) {
        self.function = function
        self.version = version
        self.thread = thread
        self.start = start
        self.duration = duration
        self.depth = depth
    }
}

/// A stack as `a;b;c` frames (outermost first), each frame
/// `function (file.vais:line)` where known.
public struct FoldedStack: Codable, Sendable, Equatable {
    public var frames: [String]
    public var count: UInt64
    /// The leaf call's own time summed over the samples, trampoline
    /// overhead taken out: what a flame graph weighs the stack by. Absent
    /// from documents of older vais-hot, which weigh by count.
    public var selfNanoseconds: UInt64?

    public init(frames: [String], count: UInt64, selfNanoseconds: UInt64? = nil) {
        self.frames = frames
        self.count = count
        self.selfNanoseconds = selfNanoseconds
    }
}

public struct VersionSwap: Codable, Sendable, Equatable {
    public var version: Int
    public var at: UInt64
    public var firstCallAt: UInt64?
    /// The hot functions whose bodies the edit that made this version
    /// changed; absent from documents of older vais-hot.
    public var changedFunctions: [String]?
    /// The hot functions this version holds (a partial reload rebuilds only
    /// those whose code changed); absent from documents of older vais-hot.
    public var rebuiltFunctions: [String]?

    public init(version: Int, at: UInt64, firstCallAt: UInt64?, changedFunctions: [String]? = nil, rebuiltFunctions: [String]? = nil) {
        self.version = version
        self.at = at
        self.firstCallAt = firstCallAt
        self.changedFunctions = changedFunctions
        self.rebuiltFunctions = rebuiltFunctions
    }
}

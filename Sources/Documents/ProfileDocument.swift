/// Everything one profiling session measured, as written to
/// `profile.json`. Every other output (CSV, HTML, trace) is rebuilt from it,
/// so `vais-hot report` can redo them later. Times are nanoseconds on the
/// monotonic clock, counted from the session's start; sizes are bytes.
public struct ProfileDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The profiled program's root source file.
    public var program: String
    /// Wall-clock start, ISO 8601, for people; the measurements use the monotonic clock.
    public var startedAt: String
    public var machine: MachineInfo
    public var toolchain: ToolchainInfo
    /// How the session ran: reloads asked for, edit mode, optimization, ...
    public var settings: [String: SettingValue]
    /// One entry per reload that was swapped in, in order.
    public var reloads: [ReloadMeasurement]
    /// Edits that did not become a version (compile errors, refusals).
    public var failures: [FailedReload]
    /// Every version the session loaded, the first included.
    public var versions: [VersionInfo]
    /// Process RSS and per-version mapped, resident and proportional bytes over time.
    public var memory: [MemorySample]
    /// The raw spans, instants and counters, for the trace.
    public var spans: [Span]
    public var instants: [Instant]
    public var counters: [CounterSample]
    /// Hot function call statistics, when tracing was on.
    public var calls: [CallStatistics]?
    /// The tracer's resolution: a call time at or below it cannot be told
    /// from zero (see `TraceDocument.resolutionNanoseconds`).
    public var callResolutionNanoseconds: Double?
    /// The median time of the toolchain's clang compiling an empty C file,
    /// measured by the profile after its reloads: what a target set
    /// relative to the machine is judged against (nil when not measured).
    public var clangStartUpNanoseconds: UInt64?

    public init(program: String, startedAt: String, machine: MachineInfo, toolchain: ToolchainInfo, settings: [String: SettingValue],
                reloads: [ReloadMeasurement], failures: [FailedReload], versions: [VersionInfo], memory: [MemorySample],
                spans: [Span], instants: [Instant], counters: [CounterSample], calls: [CallStatistics]? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.program = program
        self.startedAt = startedAt
        self.machine = machine
        self.toolchain = toolchain
        self.settings = settings
        self.reloads = reloads
        self.failures = failures
        self.versions = versions
        self.memory = memory
        self.spans = spans
        self.instants = instants
        self.counters = counters
        self.calls = calls
    }
}

public struct MachineInfo: Codable, Sendable, Equatable {
    public var cpuModel: String
    public var cores: Int
    public var kernel: String
    public var memoryBytes: UInt64

    public init(cpuModel: String, cores: Int, kernel: String, memoryBytes: UInt64) {
        self.cpuModel = cpuModel
        self.cores = cores
        self.kernel = kernel
        self.memoryBytes = memoryBytes
    }
}

public struct ToolchainInfo: Codable, Sendable, Equatable {
    public var vaisHot: String
    public var swift: String
    public var clang: String
    /// What built the hot parts, such as "LLVM 16.0.6 and lld in process";
    /// absent from documents written before there was a choice.
    public var hotPartBackend: String?

    public init(vaisHot: String, swift: String, clang: String, hotPartBackend: String? = nil) {
        self.vaisHot = vaisHot
        self.swift = swift
        self.clang = clang
        self.hotPartBackend = hotPartBackend
    }

    /// The toolchain in one line, for a report's header.
    public var summary: String {
        "vais-hot \(vaisHot) · \(swift) · \(clang)" + (hotPartBackend.map { " · hot parts: \($0)" } ?? "")
    }
}

/// The stages of one reload, in the order they run.
public enum Phase: String, Codable, Sendable, CaseIterable {
    /// From the first change event to the end of the debounce wait.
    case detect
    case parse
    case check
    /// IR emission of both parts.
    case emit
    /// The hot part's IR to an object file (LLVM in process, or `clang -c`).
    case codegen
    /// The object to a shared object (lld in process, or `ld.lld`).
    case link
    /// Moving the build to its numbered file.
    case copy
    /// Reading the ABI manifest with libelf and comparing it.
    case elfCheck
    case dlopen
    /// All lookups; per symbol in `ReloadMeasurement.lookups`.
    case dlsym
    /// How long the loaded version waited for the program's `hot_check`.
    case waitForCheck
    /// The slot stores.
    case swap
    /// From the swap to the first call the new version served.
    case firstCall

    /// The phases that make up a reload's own overhead (no compile, no
    /// waiting on the program).
    public static let overhead: [Phase] = [.copy, .elfCheck, .dlopen, .dlsym, .swap]
    /// The compile.
    public static let compile: [Phase] = [.parse, .check, .emit, .codegen, .link]

    /// Profiles recorded before the back end's two steps were told apart
    /// have one `clang` phase (both steps in clang processes): read as codegen.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let phase = Phase(rawValue: name == "clang" ? Phase.codegen.rawValue : name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown reload phase `\(name)`")
        }
        self = phase
    }
}

public struct SymbolLookup: Codable, Sendable, Equatable {
    public var name: String
    public var nanoseconds: UInt64

    public init(name: String, nanoseconds: UInt64) {
        self.name = name
        self.nanoseconds = nanoseconds
    }
}

public struct ReloadMeasurement: Codable, Sendable, Equatable {
    public var version: Int
    /// Hot functions whose source changed.
    public var changed: [String]
    /// The hot functions the version holds: a partial reload rebuilds only
    /// those whose code changed, of `hotFunctionCount` in all (nil in
    /// documents written before partial reloads).
    public var rebuilt: [String]?
    public var hotFunctionCount: Int?
    /// When the change was first seen.
    public var detectedAt: UInt64
    /// Duration of each phase; a phase that did not happen is absent.
    public var phases: [Phase: UInt64]
    public var lookups: [SymbolLookup]
    /// From detection to the swap.
    public var total: UInt64
    /// Process RSS just before the new version was loaded, and after the swap.
    public var rssBefore: UInt64
    public var rssAfter: UInt64

    public init(version: Int, changed: [String], detectedAt: UInt64, phases: [Phase: UInt64], lookups: [SymbolLookup], total: UInt64,
                rssBefore: UInt64, rssAfter: UInt64, rebuilt: [String]? = nil, hotFunctionCount: Int? = nil) {
        self.version = version
        self.changed = changed
        self.rebuilt = rebuilt
        self.hotFunctionCount = hotFunctionCount
        self.detectedAt = detectedAt
        self.phases = phases
        self.lookups = lookups
        self.total = total
        self.rssBefore = rssBefore
        self.rssAfter = rssAfter
    }

    public func duration(_ phase: Phase) -> UInt64 { phases[phase] ?? 0 }

    /// Reload overhead without the compile: copy, ELF check, dlopen, dlsym, swap.
    public var overhead: UInt64 { Phase.overhead.reduce(0) { $0 + duration($1) } }
    public var compile: UInt64 { Phase.compile.reduce(0) { $0 + duration($1) } }
}

public struct FailedReload: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case compileError
        case refused
        case crashed
    }

    public var at: UInt64
    public var kind: Kind
    public var message: String

    public init(at: UInt64, kind: Kind, message: String) {
        self.at = at
        self.kind = kind
        self.message = message
    }
}

public struct SectionSize: Codable, Sendable, Equatable {
    public var name: String
    public var bytes: UInt64

    public init(name: String, bytes: UInt64) {
        self.name = name
        self.bytes = bytes
    }
}

public struct VersionInfo: Codable, Sendable, Equatable {
    /// Where a version is at the end of the session, and why it is (or is
    /// not) still mapped.
    public enum State: String, Codable, Sendable {
        /// Serving calls.
        case current
        /// Kept loaded for rollback.
        case retained
        /// Out of the retained window but a frame of the program's stack
        /// was still in it, so it could not be unloaded yet.
        case callsRunning
        /// Out of the retained window, but a slot still points at its code:
        /// later partial reloads rebuilt other functions.
        case slotsUseIt
        /// Unloaded, but the dynamic linker kept it mapped.
        case unloadFailed
        case unloaded
        /// Rolled back from after a crash; kept until it can be unloaded.
        case crashed
    }

    public var number: Int
    public var loadedAt: UInt64
    public var unloadedAt: UInt64?
    public var state: State
    /// Sizes of the sections that are mapped when loaded (libelf).
    public var sections: [SectionSize]
    public var fileBytes: UInt64

    public init(number: Int, loadedAt: UInt64, unloadedAt: UInt64?, state: State, sections: [SectionSize], fileBytes: UInt64) {
        self.number = number
        self.loadedAt = loadedAt
        self.unloadedAt = unloadedAt
        self.state = state
        self.sections = sections
        self.fileBytes = fileBytes
    }
}

/// One sample: the process RSS, and (one row per loaded version) what that
/// version maps. `version` nil is the process-wide row.
public struct MemorySample: Codable, Sendable, Equatable {
    public var at: UInt64
    public var version: Int?
    public var rss: UInt64
    public var mapped: UInt64
    public var resident: UInt64
    public var proportional: UInt64

    public init(at: UInt64, version: Int?, rss: UInt64, mapped: UInt64, resident: UInt64, proportional: UInt64) {
        self.at = at
        self.version = version
        self.rss = rss
        self.mapped = mapped
        self.resident = resident
        self.proportional = proportional
    }
}

/// A named interval on one track (thread), for the trace.
public struct Span: Codable, Sendable, Equatable {
    public var name: String
    public var track: String
    public var start: UInt64
    public var duration: UInt64
    public var version: Int?
    public var arguments: [String: String]

    public init(name: String, track: String, start: UInt64, duration: UInt64, version: Int?, arguments: [String: String] = [:]) {
        self.name = name
        self.track = track
        self.start = start
        self.duration = duration
        self.version = version
        self.arguments = arguments
    }
}

public struct Instant: Codable, Sendable, Equatable {
    public var name: String
    public var track: String
    public var at: UInt64
    public var version: Int?
    public var arguments: [String: String]

    public init(name: String, track: String, at: UInt64, version: Int?, arguments: [String: String] = [:]) {
        self.name = name
        self.track = track
        self.at = at
        self.version = version
        self.arguments = arguments
    }
}

public struct CounterSample: Codable, Sendable, Equatable {
    /// The counter, e.g. `rss` or `mapped v3`.
    public var name: String
    public var at: UInt64
    public var value: Double

    public init(name: String, at: UInt64, value: Double) {
        self.name = name
        self.at = at
        self.value = value
    }
}

/// Per hot function and version (filled by the tracer).
public struct CallStatistics: Codable, Sendable, Equatable {
    public var function: String
    public var version: Int
    public var calls: UInt64
    public var totalNanoseconds: UInt64
    public var selfNanoseconds: UInt64
    public var minimum: UInt64
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var maximum: UInt64
    /// The quartiles, which judge a change between versions
    /// (`ChangeRule`); absent from documents of older vais-hot.
    public var p25: UInt64?
    public var p75: UInt64?

    public init(function: String, version: Int, calls: UInt64, totalNanoseconds: UInt64, selfNanoseconds: UInt64, minimum: UInt64,
                p50: UInt64, p90: UInt64, p99: UInt64, maximum: UInt64, p25: UInt64? = nil, p75: UInt64? = nil) {
        self.function = function
        self.version = version
        self.calls = calls
        self.totalNanoseconds = totalNanoseconds
        self.selfNanoseconds = selfNanoseconds
        self.minimum = minimum
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.maximum = maximum
        self.p25 = p25
        self.p75 = p75
    }
}

// Phases key the phase durations; as coding keys they write a JSON object.
extension Phase: CodingKeyRepresentable {}

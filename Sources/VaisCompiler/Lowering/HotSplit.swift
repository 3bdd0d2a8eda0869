/// Names and shapes of the host/hot split: the host part keeps `main`,
/// every other function, the globals and one slot per hot function; the hot
/// part holds the `#[hot]` functions and is rebuilt on every reload.
public enum HotSplit {
    public enum Role: Sendable {
        case host
        case hot
    }

    /// The host global holding the current address of a hot function.
    public static func slotSymbol(_ function: FunctionSymbol) -> String { slotSymbol(named: function.name) }

    /// The symbol a hot part defines a hot function under.
    public static func hotSymbol(_ function: FunctionSymbol) -> String { hotSymbol(named: function.name) }

    public static func slotSymbol(named name: String) -> String { "vais.slot." + SymbolMangling.mangle(name) }
    public static func hotSymbol(named name: String) -> String { "vais.hot." + SymbolMangling.mangle(name) }
    /// The tracing trampoline of a hot function: same signature, records
    /// entry and exit around a call of the real one.
    public static func traceSymbol(named name: String) -> String { "vais.trace." + SymbolMangling.mangle(name) }
    /// The statistics block a trampoline updates (`vais_trace_site` in C).
    public static func traceSiteSymbol(named name: String) -> String { "vais.trace.site." + SymbolMangling.mangle(name) }
    /// Bytes reserved for one `vais_trace_site`; the C runtime checks its
    /// struct fits.
    public static let traceSiteBytes = 2048
    /// Two function pointers, the tracing runtime's entry and exit hooks,
    /// that a tracer stores into each hot part it traces: no symbol has to
    /// be exported for the trampolines to reach it.
    public static let traceHooksSymbol = "vais.trace.hooks"

    /// Spare slots a host is built with by default. A spare serves one
    /// function added while the program runs whose address is taken (a new
    /// closure, a new function used as a value) for the rest of the run.
    /// 64 is more such edits than one session makes in practice, and costs
    /// the host 64 eight-byte slots and 64 stubs of a few bytes each.
    public static let defaultSpareSlots = 64
    /// The host's global holding a spare slot's current address.
    public static func spareSlotSymbol(_ index: Int) -> String { "vais.spare.slot.\(index)" }
    /// The host's stub of a spare slot: one jump through the slot, so it
    /// serves a function of any signature; a function value of the
    /// function in the spare is this stub's address.
    public static func spareStubSymbol(_ index: Int) -> String { "vais.spare.\(index)" }
    /// The manifest entry saying how many spare slots the host has.
    public static let spareSlotsKey = "option spare-slots"

    /// The ELF section every part carries its ABI manifest in.
    public static let manifestSection = ".vais_abi"

    /// A hot part's count of calls into its hot functions (an i64), in a
    /// hot part built with `CompileOptions.profilingCounters` only.
    public static let callCounterSymbol = "vais.hot.calls"

    /// When a hot part served its first call: CLOCK_MONOTONIC nanoseconds
    /// (an i64), zero until then; beside the call counter.
    public static let firstCallTimeSymbol = "vais.hot.first_call"
}

/// One hot function as the loader sees it.
public struct HotFunctionInfo: Sendable, Equatable {
    public let name: String
    public let hotSymbol: String
    public let slotSymbol: String

    public var traceSymbol: String { HotSplit.traceSymbol(named: name) }
    public var traceSiteSymbol: String { HotSplit.traceSiteSymbol(named: name) }
}

/// The hot part of a program alone: what a reload builds, since the host
/// part is built once, when the program starts.
public struct HotPart: Sendable {
    public let ir: String
    public let manifest: ABIManifest
    public let hotFunctions: [HotFunctionInfo]

    public init(ir: String, manifest: ABIManifest, hotFunctions: [HotFunctionInfo]) {
        self.ir = ir
        self.manifest = manifest
        self.hotFunctions = hotFunctions
    }
}

/// A program lowered as two modules for hot reload.
public struct SplitProgram: Sendable {
    public let host: String
    public let hot: String
    public let manifest: ABIManifest
    public let hotFunctions: [HotFunctionInfo]
}

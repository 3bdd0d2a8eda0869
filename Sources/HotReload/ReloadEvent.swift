import Foundation

/// What happened to one reload, with the time of each stage.
public struct ReloadRecord: Sendable {
    public let version: Int
    /// Hot functions whose source changed since the version before.
    public let changedFunctions: [String]
    /// When the change was first seen (monotonic nanoseconds).
    public let detectedAt: UInt64
    public let build: HotPartBuilder.Timings
    public let load: VersionLoader.Timings
    /// When the version was loaded and could be swapped in.
    public let readyAt: UInt64
    /// When the slots pointed at it.
    public internal(set) var swappedAt: UInt64 = 0
    /// The slot stores alone.
    public internal(set) var swapNanoseconds: UInt64 = 0

    /// From the change being seen to the new code being callable.
    public var total: UInt64 { swappedAt - detectedAt }
}

/// What the reloader tells whoever watches it (the command line prints one
/// line per event; the profiler measures and records around them), in the
/// order it happens, on the thread it happens on.
public enum ReloadEvent: Sendable {
    /// Compiled; `version` is about to be loaded.
    case built(version: Int)
    /// Built and loaded; it waits for the program's next `hot_check`.
    case ready(version: Int)
    case swapped(ReloadRecord)
    /// The edit does not compile; the program keeps its version.
    case buildFailed(diagnostics: String)
    /// The edit changes what the running program depends on.
    case refused(reasons: [String])
    /// A save that did not change the source.
    case unchanged
    case warning(String)
    /// A crash in `version` sent the program back to `to`.
    case rolledBack(from: Int, to: Int, crash: CrashReport)
    /// The watchdog ended a `hot_loop` iteration of `version` that ran
    /// `seconds` past `newer` being ready; the loop goes on with `newer`.
    case interrupted(version: Int, newer: Int, seconds: Double)
    /// Hot code of `version` has run `seconds` past `newer` being ready
    /// and the watchdog cannot interrupt it (told once per newer version).
    case overran(version: Int, newer: Int, seconds: Double, reason: OverrunReason)
    /// No call can still be running in `version`: it is about to be unloaded.
    case unloading(version: Int)
    /// `dlclose` ran from `start` to `end` (monotonic); `unmapped` says whether its pages went.
    case unloaded(version: Int, unmapped: Bool, start: UInt64, end: UInt64)
}

/// Why the watchdog could not interrupt hot code that overran.
public enum OverrunReason: Sendable {
    /// The program does not run its hot code through `hot_loop`, so there
    /// is no iteration to resume from.
    case notInLoop
    /// Each time the watchdog looked, the code ran C code (libc, ...),
    /// which a jump could leave holding a lock; it keeps trying.
    case inCCode
}

/// A crash inside the program, attributed to a version where possible.
public struct CrashReport: Sendable, CustomStringConvertible {
    public let signal: Int32
    public let pc: UInt
    public let faultAddress: UInt
    /// The version whose code was running, or nil for host code.
    public let version: Int?
    /// The function the faulting instruction belongs to, if known.
    public let function: String?
    /// `file.vais:line` of the faulting instruction, when the code carries
    /// line tables.
    public let sourceLine: String?

    public var signalName: String {
        switch signal {
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGILL: return "SIGILL"
        case SIGABRT: return "SIGABRT (abort)"
        default: return "signal \(signal)"
        }
    }

    public var description: String {
        var text = signalName
        if signal == SIGSEGV || signal == SIGBUS { text += " (address 0x\(String(faultAddress, radix: 16)))" }
        if let function { text += " in `\(function)`" }
        if let version {
            text += " (hot part version \(version))"
        } else {
            // abort() raises its signal from libc, not from the code that called it.
            text += signal == SIGABRT ? " (raised in C code)" : " (host code)"
        }
        if let sourceLine { text += " at \(sourceLine)" }
        return text
    }
}

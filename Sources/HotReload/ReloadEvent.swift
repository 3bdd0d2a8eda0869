import Foundation

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
    /// A function added while the program runs whose address is taken
    /// took spare slot `slot` for the rest of the run; `free` are left.
    case spareSlotTaken(function: String, slot: Int, free: Int)
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

import Foundation
import HotReload
import VaisCompiler

/// What a hot part built for profiling counts itself (`CompileOptions.
/// profilingCounters`): the calls into it, and the monotonic time of the
/// first one. A part built without them answers nil.
enum HotPartCounters {
    /// When `version` served its first call (monotonic nanoseconds); nil before that.
    static func firstCallTime(of version: LoadedVersion) -> UInt64? {
        guard let stamp = version.symbol(HotSplit.firstCallTimeSymbol)?.load(as: UInt64.self), stamp > 0 else { return nil }
        return stamp
    }

    /// Calls served so far by `version`.
    static func calls(of version: LoadedVersion) -> UInt64? {
        version.symbol(HotSplit.callCounterSymbol)?.load(as: UInt64.self)
    }
}

import Foundation

/// What happened to one reload, with the time of each stage.
public struct ReloadRecord: Sendable {
    public let version: Int
    /// Hot functions whose source changed since the version before.
    public let changedFunctions: [String]
    /// The hot functions this version holds (a partial reload rebuilds
    /// only those whose code changed), of `hotFunctionCount` in all.
    public let rebuiltFunctions: [String]
    public let hotFunctionCount: Int
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

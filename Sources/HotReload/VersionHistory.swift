import Foundation
import Profiling

/// What happened to every version and failed edit of one session, for
/// reports: when each version was loaded, unloaded or crashed, its section
/// sizes, and when it served its first call. Thread-safe.
public final class VersionHistory: @unchecked Sendable {
    public struct Entry: Sendable {
        public let number: Int
        public let path: String
        public let loadedAt: UInt64
        public var unloadedAt: UInt64?
        public var firstCallAt: UInt64?
        public var crashed = false
        /// Unloaded, but the dynamic linker kept it mapped.
        public var stillMapped = false
        public let sections: [SectionSize]
        public let fileBytes: UInt64
    }

    public struct Failure: Sendable {
        public let at: UInt64
        public let kind: FailedReload.Kind
        public let message: String
    }

    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private var failures: [Failure] = []

    func loaded(_ version: LoadedVersion) {
        let entry = Entry(number: version.number, path: version.path, loadedAt: MonotonicClock.now(), sections: version.sections,
                          fileBytes: version.fileBytes)
        lock.lock()
        entries[version.number] = entry
        lock.unlock()
    }

    func unloaded(_ number: Int, stillMapped: Bool) {
        lock.lock()
        entries[number]?.unloadedAt = MonotonicClock.now()
        entries[number]?.stillMapped = stillMapped
        lock.unlock()
    }

    func crashed(_ number: Int) {
        lock.lock()
        entries[number]?.crashed = true
        lock.unlock()
    }

    /// Records the first call of `number`; later calls change nothing.
    func firstCall(_ number: Int, at time: UInt64) {
        lock.lock()
        if entries[number]?.firstCallAt == nil { entries[number]?.firstCallAt = time }
        lock.unlock()
    }

    func failed(_ kind: FailedReload.Kind, _ message: String) {
        lock.lock()
        failures.append(Failure(at: MonotonicClock.now(), kind: kind, message: message))
        lock.unlock()
    }

    public var allEntries: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.sorted { $0.number < $1.number }
    }

    public var allFailures: [Failure] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }

    public func entry(_ number: Int) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[number]
    }
}

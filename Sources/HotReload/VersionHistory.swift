import Documents
import Foundation
import SystemProbes

/// What happened to every version and failed edit of one session, for
/// reports: when each version was loaded, unloaded or crashed, its section
/// sizes, and when it served its first call. With a limit (under `run`,
/// which reports none of it) only the newest versions and failures are
/// kept. Thread-safe.
public final class VersionHistory: @unchecked Sendable {
    public struct Entry: Sendable {
        public let number: Int
        public let path: String
        public let loadedAt: UInt64
        public var unloadedAt: UInt64?
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

    /// How much of a failure's message is kept: enough for the first
    /// diagnostics, never a whole 100,000-error listing.
    public static let messageLimit = 8 * 1024

    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private var failures: [Failure] = []
    /// Versions and failures kept, each; nil keeps everything.
    private let limit: Int?

    public init(limit: Int? = nil) {
        self.limit = limit.map { max(1, $0) }
    }

    func loaded(_ version: LoadedVersion) {
        let entry = Entry(number: version.number, path: version.path, loadedAt: MonotonicClock.now(), sections: version.sections,
                          fileBytes: version.fileBytes)
        lock.lock()
        entries[version.number] = entry
        if let limit, entries.count > limit, let oldest = entries.keys.min() { entries[oldest] = nil }
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
    func failed(_ kind: FailedReload.Kind, _ message: String) {
        let kept = message.utf8.count <= Self.messageLimit ? message : Self.truncated(message)
        lock.lock()
        failures.append(Failure(at: MonotonicClock.now(), kind: kind, message: kept))
        if let limit, failures.count > limit { failures.removeFirst(failures.count - limit) }
        lock.unlock()
    }

    /// The message's first `messageLimit` bytes, cut at a line's end, and
    /// what was left out.
    private static func truncated(_ message: String) -> String {
        let head = String(decoding: message.utf8.prefix(messageLimit), as: UTF8.self)
        let cut = head.lastIndex(of: "\n").map { String(head[...$0]) } ?? head + "\n"
        return cut + "(\(message.utf8.count - cut.utf8.count) more bytes of this message not kept)"
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

import Documents
import Foundation

/// Collects what every stage measures: spans on the monotonic clock,
/// instants and counters. Stages only hand it values; it never calls back.
/// Appending takes a lock for a few nanoseconds, so it stays on in `run`,
/// where a limit keeps only the newest records (a profile keeps them all:
/// it reports them).
public final class Recorder: @unchecked Sendable {
    /// Monotonic time the session started; recorded times count from here.
    public let origin: UInt64
    private let lock = NSLock()
    private var spans: [Span] = []
    private var instants: [Instant] = []
    private var counters: [CounterSample] = []
    /// Records kept of each kind, at least; nil keeps everything.
    private let limit: Int?

    public init(origin: UInt64 = MonotonicClock.now(), limit: Int? = nil) {
        self.origin = origin
        self.limit = limit.map { max(1, $0) }
    }

    /// Drops the oldest half once a list holds twice the limit, so trimming
    /// costs nothing per record on average.
    private func trim<Record>(_ records: inout [Record]) {
        guard let limit, records.count >= 2 * limit else { return }
        records.removeFirst(records.count - limit)
    }

    /// Nanoseconds since the session started, for an absolute monotonic time.
    public func relative(_ time: UInt64) -> UInt64 { time >= origin ? time - origin : 0 }

    public func span(_ name: String, track: String, start: UInt64, end: UInt64, version: Int?, arguments: [String: String] = [:]) {
        let span = Span(name: name, track: track, start: relative(start), duration: end >= start ? end - start : 0,
                        version: version, arguments: arguments)
        lock.lock()
        spans.append(span)
        trim(&spans)
        lock.unlock()
    }

    public func instant(_ name: String, track: String, at time: UInt64, version: Int?, arguments: [String: String] = [:]) {
        let instant = Instant(name: name, track: track, at: relative(time), version: version, arguments: arguments)
        lock.lock()
        instants.append(instant)
        trim(&instants)
        lock.unlock()
    }

    public func counter(_ name: String, at time: UInt64, value: Double) {
        let sample = CounterSample(name: name, at: relative(time), value: value)
        lock.lock()
        counters.append(sample)
        trim(&counters)
        lock.unlock()
    }

    /// Everything recorded so far (with a limit, the newest), in recording order.
    public func snapshot() -> (spans: [Span], instants: [Instant], counters: [CounterSample]) {
        lock.lock()
        defer { lock.unlock() }
        return (spans, instants, counters)
    }
}

import Documents
import Foundation

/// `trace.json` in the Chrome trace event format, which Perfetto and
/// chrome://tracing open: spans as complete (`X`) events, one thread per
/// track; memory as counter (`C`) events; swaps and other instants as
/// thread-scoped `i` events. Times are written in microseconds, as the
/// format requires, with the nanoseconds kept in the fraction;
/// `displayTimeUnit` only tells viewers to show nanoseconds.
public enum ChromeTrace {
    /// The trace as JSON bytes.
    public static func data(_ document: ProfileDocument) throws -> Data {
        try TraceEvent.file(events(document))
    }

    static func events(_ document: ProfileDocument) -> [[String: Any]] {
        let threads = Threads(document)
        var events = threads.metadata(program: document.program)
        for (span, tid) in threads.spans {
            events.append(TraceEvent.slice(span.name, category: span.track, tid: tid, start: span.start, duration: span.duration,
                                           args: arguments(span.arguments, version: span.version)))
        }
        for instant in document.instants {
            events.append(["ph": "i", "s": "t", "name": instant.name, "cat": instant.track, "pid": TraceEvent.processID,
                           "tid": threads.tid(of: instant.track), "ts": TraceEvent.microseconds(instant.at),
                           "args": arguments(instant.arguments, version: instant.version)])
        }
        events += counters(document)
        return events
    }

    /// The document's own counters, plus `rss` and `mapped vN` from the
    /// memory samples for any of those names the recorder did not count
    /// itself. A version's mapped counter falls to 0 when it is unloaded,
    /// so the trace shows its memory leaving.
    static func counters(_ document: ProfileDocument) -> [[String: Any]] {
        var events = document.counters.map { counter(name: $0.name, at: $0.at, key: "value", value: $0.value) }
        let recorded = Set(document.counters.map(\.name))
        var derived: [[String: Any]] = []
        for sample in document.memory {
            let name = sample.version.map { "mapped v\($0)" } ?? "rss"
            guard !recorded.contains(name) else { continue }
            derived.append(counter(name: name, at: sample.at, key: "bytes", value: Double(sample.version == nil ? sample.rss : sample.mapped)))
        }
        for version in document.versions {
            guard let unloadedAt = version.unloadedAt, !recorded.contains("mapped v\(version.number)") else { continue }
            derived.append(counter(name: "mapped v\(version.number)", at: unloadedAt, key: "bytes", value: 0))
        }
        events += derived
        return events
    }

    private static func counter(name: String, at: UInt64, key: String, value: Double) -> [String: Any] {
        TraceEvent.counter(name, at: at, args: [key: value])
    }

    private static func arguments(_ arguments: [String: String], version: Int?) -> [String: Any] {
        var result: [String: Any] = arguments
        if let version { result["version"] = version }
        return result
    }

}

/// Thread ids for tracks. Trace viewers need the `X` events of one thread
/// to nest (a span either contains another or is disjoint from it); spans
/// of one track that partly overlap, such as the build of the next version
/// running while the previous one waits, go to an extra lane
/// ("track (2)") instead of being drawn wrongly.
struct Threads {
    /// Each thread's track and lane, in order of thread id (tid = index + 1).
    private var lanes: [(track: String, lane: Int)] = []
    private var tids: [String: [Int]] = [:]  // per track, the tid of each lane
    private var trackOrder: [String: Int] = [:]
    /// Each span with its thread id, by start time.
    private(set) var spans: [(Span, Int)] = []

    init(_ document: ProfileDocument) {
        for track in document.spans.map(\.track) + document.instants.map(\.track) where trackOrder[track] == nil {
            trackOrder[track] = trackOrder.count
            _ = tid(for: track, lane: 0)
        }
        // Outer spans before the spans they contain: by start, then longest first.
        let ordered = document.spans.sorted { ($0.start, $1.duration) < ($1.start, $0.duration) }
        var openEnds: [String: [[UInt64]]] = [:]  // per track, per lane, the ends of the spans still open
        for span in ordered {
            var stacks = openEnds[span.track] ?? []
            let end = span.start + span.duration
            var lane = 0
            while true {
                if lane == stacks.count { stacks.append([]) }
                stacks[lane].removeAll { $0 <= span.start }
                if let innermost = stacks[lane].last, end > innermost { lane += 1; continue }
                stacks[lane].append(end)
                break
            }
            openEnds[span.track] = stacks
            spans.append((span, tid(for: span.track, lane: lane)))
        }
    }

    /// The thread of a track's first lane (instants go there).
    func tid(of track: String) -> Int { tids[track]?.first ?? 0 }

    private mutating func tid(for track: String, lane: Int) -> Int {
        if let tid = tids[track]?.dropFirst(lane).first { return tid }
        lanes.append((track, lane))
        tids[track, default: []].append(lanes.count)
        return lanes.count
    }

    /// Names the process and each thread; a track's extra lanes sort right under it.
    func metadata(program: String) -> [[String: Any]] {
        var events = [TraceEvent.processName("vais-hot " + program)]
        let sorted = lanes.indices.sorted { (trackOrder[lanes[$0].track] ?? 0, lanes[$0].lane) < (trackOrder[lanes[$1].track] ?? 0, lanes[$1].lane) }
        for (sortIndex, index) in sorted.enumerated() {
            let (track, lane) = lanes[index]
            let tid = index + 1
            events += TraceEvent.thread(tid, name: lane == 0 ? track : "\(track) (\(lane + 1))", sortIndex: sortIndex)
        }
        return events
    }
}

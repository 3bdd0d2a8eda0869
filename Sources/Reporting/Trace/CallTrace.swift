import Documents
import Foundation

/// `trace.json` for `vais-hot trace`, in the Chrome trace event format
/// that Perfetto and chrome://tracing open: each recorded call is a
/// complete (`X`) slice on its thread's track, with its version in the
/// args; a `reloads` track holds a slice per swap, from the swap to the
/// new version's first call, naming the hot functions it rebuilt, and a flow arrow (`s` at the swap, `f` bound
/// to the enclosing slice) leads from it to that call; a `calls per second`
/// counter has one series per version. Without events (stats mode) only
/// the swaps and their flows are there.
public enum CallTrace {
    static let counterName = "calls per second"

    /// The trace as JSON bytes, the session's facts in `otherData`.
    public static func data(_ document: TraceDocument) throws -> Data {
        let session: [String: String] = [
            "program": document.program, "startedAt": document.startedAt, "mode": document.mode,
            "sampleEvery": "\(document.sampleEvery)", "overheadNanoseconds": String(format: "%.1f", document.overheadNanoseconds),
            "droppedCalls": "\(document.droppedCalls)", "vaisHot": document.toolchain.vaisHot,
        ]
        return try TraceEvent.file(events(document), otherData: session)
    }

    static func events(_ document: TraceDocument) -> [[String: Any]] {
        let tracks = Tracks(document)
        var events = tracks.metadata(program: document.program, reloadsTrack: !document.swaps.isEmpty)
        // Slices come before the flow events that bind to them: viewers
        // keep the file's order among events with the same timestamp. For
        // the same reason a caller comes before a callee that starts with it.
        events += document.calls.sorted { ($0.start, $0.depth) < ($1.start, $1.depth) }.map { call in
            TraceEvent.slice(call.function, category: "call", tid: tracks.tid(ofThread: call.thread), start: call.start, duration: call.duration,
                  args: ["version": call.version, "depth": call.depth])
        }
        events += swaps(document, tracks)
        events += counters(document)
        return events
    }

    /// Per swap: its slice on the reloads track and a flow to the first
    /// call of the new version. That call is the earliest recorded one of
    /// the version; when none was recorded (stats mode, sampling, a full
    /// buffer) but the time of the first call is known, a 1 ns marker
    /// slice on the reloads track stands for it, so the flow still lands.
    private static func swaps(_ document: TraceDocument, _ tracks: Tracks) -> [[String: Any]] {
        let firstCalls = document.calls.reduce(into: [Int: TracedCall]()) { first, call in
            if first[call.version].map({ call.start < $0.start }) ?? true { first[call.version] = call }
        }
        var slices: [[String: Any]] = [], flows: [[String: Any]] = []
        for (index, swap) in document.swaps.enumerated() {
            let untilFirstCall = swap.firstCallAt.map { $0 > swap.at ? $0 - swap.at : 0 }
            var args: [String: Any] = ["version": swap.version]
            if let untilFirstCall { args["firstCallAfterNs"] = untilFirstCall }
            if let rebuilt = swap.rebuiltFunctions { args["rebuilt"] = rebuilt.joined(separator: ", ") }
            // At least 1 ns, so that the flow's start has a slice to bind to.
            slices.append(TraceEvent.slice("swap v\(swap.version)", category: "swap", tid: tracks.reloads, start: swap.at, duration: max(untilFirstCall ?? 0, 1),
                                args: args))
            let target: (tid: Int, at: UInt64)
            if let call = firstCalls[swap.version] {
                target = (tracks.tid(ofThread: call.thread), call.start)
            } else if let firstCallAt = swap.firstCallAt {
                slices.append(TraceEvent.slice("first call v\(swap.version)", category: "swap", tid: tracks.reloads, start: firstCallAt, duration: 1,
                                    args: ["version": swap.version]))
                target = (tracks.reloads, firstCallAt)
            } else {
                continue
            }
            // Flow events pair by id, category and name, so both ends carry all three.
            let flow: [String: Any] = ["name": "first call v\(swap.version)", "cat": "swap", "id": index + 1, "pid": TraceEvent.processID]
            flows.append(flow.merging(["ph": "s", "tid": tracks.reloads, "ts": TraceEvent.microseconds(swap.at)]) { $1 })
            flows.append(flow.merging(["ph": "f", "bp": "e", "tid": target.tid, "ts": TraceEvent.microseconds(target.at)]) { $1 })
        }
        return slices + flows
    }

    /// One counter event per bin of `CallRates`, holding its calls per
    /// second from the bin's start, with a series per version (Perfetto draws
    /// each as its own track, `calls per second v2`).
    private static func counters(_ document: TraceDocument) -> [[String: Any]] {
        CallRates(document).bins.map { bin in
            let series = Dictionary(uniqueKeysWithValues: bin.rates.map { ("v\($0.key)", $0.value.rounded()) })
            return TraceEvent.counter(counterName, at: bin.start, args: series)
        }
    }

    /// A track per thread that made a recorded call (`thread 0` first, as
    /// the tracer numbers them in order of first call), and the reloads
    /// track above them. Thread ids start at 1: some viewers treat 0 as
    /// "no thread".
    struct Tracks {
        private let tids: [Int: Int]
        let reloads: Int

        init(_ document: TraceDocument) {
            let threads = Set(document.calls.map(\.thread)).sorted()
            tids = Dictionary(uniqueKeysWithValues: threads.enumerated().map { ($0.element, $0.offset + 1) })
            reloads = threads.count + 1
        }

        func tid(ofThread thread: Int) -> Int { tids[thread] ?? reloads }

        /// Names the process and the tracks; the reloads track only when there were swaps.
        func metadata(program: String, reloadsTrack: Bool) -> [[String: Any]] {
            var events = [TraceEvent.processName("vais-hot trace " + program)]
            let named = (reloadsTrack ? [(reloads, "reloads")] : []) + tids.sorted { $0.value < $1.value }.map { ($0.value, "thread \($0.key)") }
            for (sortIndex, (tid, name)) in named.enumerated() {
                events += TraceEvent.thread(tid, name: name, sortIndex: sortIndex)
            }
            return events
        }
    }
}

import Foundation

/// The events of the Chrome trace event format that both trace files
/// (`vais-hot profile`'s and `vais-hot trace`'s) write, in one process.
enum TraceEvent {
    static let processID = 1

    /// The file: the events, nanoseconds as the display unit, and any
    /// session facts. Built with JSONSerialization so that names and
    /// arguments from input are always escaped.
    static func file(_ events: [[String: Any]], otherData: [String: String]? = nil) throws -> Data {
        var trace: [String: Any] = ["traceEvents": events, "displayTimeUnit": "ns"]
        if let otherData { trace["otherData"] = otherData }
        return try JSONSerialization.data(withJSONObject: trace, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// A complete (`X`) slice.
    static func slice(_ name: String, category: String, tid: Int, start: UInt64, duration: UInt64, args: [String: Any]) -> [String: Any] {
        ["ph": "X", "name": name, "cat": category, "pid": processID, "tid": tid,
         "ts": microseconds(start), "dur": microseconds(duration), "args": args]
    }

    /// A counter (`C`) sample; each key of `args` is a series.
    static func counter(_ name: String, at: UInt64, args: [String: Any]) -> [String: Any] {
        ["ph": "C", "name": name, "pid": processID, "ts": microseconds(at), "args": args]
    }

    static func processName(_ name: String) -> [String: Any] {
        ["ph": "M", "name": "process_name", "pid": processID, "args": ["name": name]]
    }

    /// A track's name and its place among the tracks.
    static func thread(_ tid: Int, name: String, sortIndex: Int) -> [[String: Any]] {
        [["ph": "M", "name": "thread_name", "pid": processID, "tid": tid, "args": ["name": name]],
         ["ph": "M", "name": "thread_sort_index", "pid": processID, "tid": tid, "args": ["sort_index": sortIndex]]]
    }

    /// Times are written in microseconds, as the format requires, with the
    /// nanoseconds kept in the fraction.
    static func microseconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1000 }
}

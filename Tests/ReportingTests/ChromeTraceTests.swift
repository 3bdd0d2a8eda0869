import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("Chrome trace")
struct ChromeTraceTests {
    private func events(_ document: ProfileDocument) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: ChromeTrace.data(document))
        let trace = try #require(json as? [String: Any])
        #expect(trace["displayTimeUnit"] as? String == "ns")
        return try #require(trace["traceEvents"] as? [[String: Any]])
    }

    /// X events per tid as nanosecond intervals (microseconds back to ns, rounded).
    private func slices(_ events: [[String: Any]]) -> [Int: [(start: Int64, end: Int64)]] {
        events.filter { $0["ph"] as? String == "X" }.reduce(into: [:]) { slices, event in
            let start = Int64(((event["ts"] as? Double ?? -1) * 1000).rounded())
            let duration = Int64(((event["dur"] as? Double ?? -1) * 1000).rounded())
            slices[event["tid"] as? Int ?? -1, default: []].append((start, start + duration))
        }
    }

    private func expectNesting(_ slices: [Int: [(start: Int64, end: Int64)]]) {
        for (tid, intervals) in slices {
            for a in intervals {
                for b in intervals where a.start < b.start && b.start < a.end {
                    #expect(b.end <= a.end, "tid \(tid): [\(a.start), \(a.end)) and [\(b.start), \(b.end)) overlap partially")
                }
            }
        }
    }

    @Test("valid JSON: spans nest per thread, counters for RSS and each version, an instant per swap")
    func sample() throws {
        let document = SampleProfile.make()
        let events = try events(document)
        let slices = slices(events)
        #expect(slices.values.reduce(0) { $0 + $1.count } == document.spans.count)
        expectNesting(slices)
        let counters = Set(events.filter { $0["ph"] as? String == "C" }.compactMap { $0["name"] as? String })
        #expect(counters == Set(["rss"] + document.versions.map { "mapped v\($0.number)" }))
        let swaps = events.filter { $0["ph"] as? String == "i" }
        #expect(swaps.count == document.reloads.count)
        #expect(swaps.allSatisfy { $0["s"] as? String == "t" })
        let threadNames = events.filter { $0["name"] as? String == "thread_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(threadNames == ["pipeline"])
        let firstReload = try #require(events.first { $0["name"] as? String == "reload v2" })
        #expect((firstReload["args"] as? [String: Any])?["version"] as? Int == 2)
        #expect(firstReload["ts"] as? Double == Double(document.reloads[0].detectedAt) / 1000)
    }

    @Test("partly overlapping spans of one track go to another thread instead of breaking the nesting")
    func overlap() throws {
        var document = SampleProfile.make(reloads: 2)
        document.spans = [
            Span(name: "build v3", track: "builder", start: 100, duration: 1_000, version: 3),
            Span(name: "parse", track: "builder", start: 100, duration: 200, version: 3),
            Span(name: "build v4", track: "builder", start: 900, duration: 1_000, version: 4),  // starts before v3's ends
            Span(name: "parse", track: "builder", start: 950, duration: 100, version: 4),
            Span(name: "</script> \"quoted\"", track: "main", start: 0, duration: 5_000, version: nil),
        ]
        let events = try events(document)
        expectNesting(slices(events))
        func byThread(_ metadata: String, _ key: String) -> [Int: Any] {
            events.filter { $0["name"] as? String == metadata }.reduce(into: [:]) { $0[$1["tid"] as? Int ?? 0] = ($1["args"] as? [String: Any])?[key] }
        }
        let names = byThread("thread_name", "name"), order = byThread("thread_sort_index", "sort_index")
        let shown = names.keys.sorted { (order[$0] as? Int ?? 0) < (order[$1] as? Int ?? 0) }.compactMap { names[$0] as? String }
        #expect(shown == ["builder", "builder (2)", "main", "pipeline"])  // an extra lane right under its track
        #expect(events.contains { $0["name"] as? String == "</script> \"quoted\"" })
    }

    @Test("an unloaded version's mapped counter falls to zero")
    func unloadDropsToZero() throws {
        let document = SampleProfile.make()
        let unloaded = try #require(document.versions.first { $0.unloadedAt != nil })
        let last = try events(document).filter { $0["name"] as? String == "mapped v\(unloaded.number)" }
            .max { ($0["ts"] as? Double ?? 0) < ($1["ts"] as? Double ?? 0) }
        #expect((last?["args"] as? [String: Any])?["bytes"] as? Double == 0)
    }
}

import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("Call trace")
struct CallTraceTests {
    private func events(_ document: TraceDocument) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: CallTrace.data(document))
        let trace = try #require(json as? [String: Any])
        #expect(trace["displayTimeUnit"] as? String == "ns")
        return try #require(trace["traceEvents"] as? [[String: Any]])
    }

    private func phase(_ events: [[String: Any]], _ ph: String) -> [[String: Any]] { events.filter { $0["ph"] as? String == ph } }
    private func nanoseconds(_ value: Any?) -> UInt64 { UInt64(((value as? Double ?? -1) * 1000).rounded()) }
    private func args(_ event: [String: Any]) -> [String: Any] { event["args"] as? [String: Any] ?? [:] }

    @Test("valid JSON: an X slice per call with its version, one tid per thread, slices nesting on each")
    func slices() throws {
        let document = SampleTrace.make()
        let events = try events(document)
        let calls = phase(events, "X").filter { $0["cat"] as? String == "call" }
        #expect(calls.count == document.calls.count)
        for (event, call) in zip(calls, document.calls) {
            #expect(event["name"] as? String == call.function)
            #expect(args(event)["version"] as? Int == call.version)
            #expect(nanoseconds(event["ts"]) == call.start && nanoseconds(event["dur"]) == call.duration)
        }
        var tids: [Int: Set<Int>] = [:]
        for (event, call) in zip(calls, document.calls) { tids[call.thread, default: []].insert(event["tid"] as? Int ?? -1) }
        #expect(tids.values.allSatisfy { $0.count == 1 })
        #expect(Set(tids.values.compactMap(\.first)).count == Set(document.calls.map(\.thread)).count)
        let names = phase(events, "M").filter { $0["name"] as? String == "thread_name" }.compactMap { args($0)["name"] as? String }
        #expect(names == ["reloads", "thread 0", "thread 1"])
        for tid in Set(calls.compactMap { $0["tid"] as? Int }) {
            let intervals = calls.filter { $0["tid"] as? Int == tid }.map { (nanoseconds($0["ts"]), nanoseconds($0["ts"]) + nanoseconds($0["dur"])) }
            for a in intervals {
                for b in intervals where a.0 < b.0 && b.0 < a.1 { #expect(b.1 <= a.1, "tid \(tid) overlaps partially") }
            }
        }
    }

    @Test("a calls-per-second counter with a series per version whose rates over their bins add up to the calls")
    func counter() throws {
        let document = SampleTrace.make()
        let counters = phase(try events(document), "C")
        #expect(!counters.isEmpty && counters.allSatisfy { $0["name"] as? String == CallTrace.counterName })
        #expect(Set(counters.flatMap { args($0).keys }) == ["v1", "v2", "v3"])
        // Each rate holds from its event to the next: rate × time gives the calls back.
        let times = counters.map { nanoseconds($0["ts"]) }
        #expect(times == times.sorted())
        var total = 0.0
        for (index, counter) in counters.dropLast().enumerated() {
            let seconds = Double(times[index + 1] - times[index]) / 1e9
            total += args(counter).values.compactMap { ($0 as? NSNumber)?.doubleValue }.reduce(0, +) * seconds
        }
        #expect(abs(total - Double(document.calls.count)) <= Double(counters.count))
        // The last bin closes every series at zero.
        #expect(counters.last.map { args($0).values.allSatisfy { ($0 as? NSNumber)?.doubleValue == 0 } } == true)
    }

    @Test("bins fit the run: a 0.9 s run gets dozens of round-width bins, a long one wider bins, and a partial last bin no drop")
    func binsFitTheRun() {
        var document = SampleTrace.make()
        // 900 calls evenly over 0.9 s, all of version 1.
        document.calls = (0..<900).map { TracedCall(function: "update", version: 1, thread: 0, start: 5_000_000 + UInt64($0) * 1_000_000,
                                                        duration: 100, depth: 0) }
        let short = CallRates(document)
        #expect(short.binNanoseconds == 20_000_000)
        #expect(short.bins.count >= 40)
        // A steady 1,000 calls per second in every bin, the partial last one included; then the closing zero.
        for bin in short.bins.dropLast() { #expect(abs((bin.rates[1] ?? 0) - 1_000) <= 100, "\(bin.start): \(bin.rates)") }
        #expect(short.bins.last?.rates[1] == 0)
        #expect(CallRates.roundWidth(atLeast: 0) == 1_000_000 && CallRates.roundWidth(atLeast: 1_000_001) == 2_000_000
                && CallRates.roundWidth(atLeast: 3_000_000_000) == 5_000_000_000)
    }

    @Test("each swap's slice names the hot functions the version rebuilt; a document from before partial reloads names none")
    func swapsNameWhatWasRebuilt() throws {
        var document = SampleTrace.make()
        document.swaps[0].rebuiltFunctions = ["physics_step", "render"]
        document.swaps[1].rebuiltFunctions = nil
        let events = CallTrace.events(document)
        func swapArguments(_ swap: VersionSwap) throws -> [String: Any] {
            try args(#require(events.first { $0["ph"] as? String == "X" && $0["name"] as? String == "swap v\(swap.version)" }))
        }
        #expect(try swapArguments(document.swaps[0])["rebuilt"] as? String == "physics_step, render")
        #expect(try swapArguments(document.swaps[1])["rebuilt"] == nil)
    }

    @Test("a flow from each swap's slice to the first call of the new version")
    func flows() throws {
        let document = SampleTrace.make()
        let events = try events(document)
        let starts = phase(events, "s"), finishes = phase(events, "f")
        #expect(starts.count == document.swaps.count && finishes.count == document.swaps.count)
        let slices = phase(events, "X")
        for swap in document.swaps {
            let start = try #require(starts.first { $0["name"] as? String == "first call v\(swap.version)" })
            let finish = try #require(finishes.first { $0["id"] as? Int == start["id"] as? Int })
            #expect(finish["name"] as? String == start["name"] as? String && finish["cat"] as? String == start["cat"] as? String)
            #expect(finish["bp"] as? String == "e")
            #expect(nanoseconds(start["ts"]) == swap.at)
            let swapSlice = try #require(slices.first { $0["name"] as? String == "swap v\(swap.version)" })
            #expect(swapSlice["tid"] as? Int == start["tid"] as? Int && nanoseconds(swapSlice["ts"]) == swap.at)
            #expect(nanoseconds(swapSlice["dur"]) == (swap.firstCallAt ?? 0) - swap.at)
            // The finish lands on the call slice that starts there, of the new version.
            #expect(nanoseconds(finish["ts"]) == swap.firstCallAt)
            let firstCall = try #require(slices.first { $0["tid"] as? Int == finish["tid"] as? Int && $0["ts"] as? Double == finish["ts"] as? Double })
            #expect(args(firstCall)["version"] as? Int == swap.version)
        }
    }

    @Test("without events: metadata, swaps and flows landing on a first-call marker; no call slices or counters")
    func statsMode() throws {
        var document = SampleTrace.make()
        document.mode = "stats"
        document.calls = []
        let events = try events(document)
        #expect(phase(events, "C").isEmpty)
        let slices = phase(events, "X")
        #expect(Set(slices.compactMap { $0["cat"] as? String }) == ["swap"])
        #expect(slices.count == 2 * document.swaps.count)
        let finishes = phase(events, "f")
        #expect(finishes.count == document.swaps.count)
        for swap in document.swaps {
            let finish = try #require(finishes.first { $0["name"] as? String == "first call v\(swap.version)" })
            let marker = try #require(slices.first { $0["name"] as? String == "first call v\(swap.version)" })
            #expect(marker["tid"] as? Int == finish["tid"] as? Int && marker["ts"] as? Double == finish["ts"] as? Double)
        }
        let names = phase(events, "M").filter { $0["name"] as? String == "thread_name" }.compactMap { args($0)["name"] as? String }
        #expect(names == ["reloads"])
    }

    @Test("function names from input stay intact in the JSON")
    func escaping() throws {
        let name = "</script> \"quoted\" \\ back"
        let document = SampleTrace.renaming("update", to: name, in: SampleTrace.make())
        #expect(try events(document).contains { $0["name"] as? String == name })
    }
}

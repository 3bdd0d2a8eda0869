import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("Trace HTML")
struct TraceHTMLTests {
    private func section(_ id: String, of html: String) throws -> Substring {
        let start = try #require(html.range(of: "<section id=\"\(id)\">"), "section \(id)")
        let rest = html[start.upperBound...]
        return rest[..<(try #require(rest.range(of: "</section>"))).lowerBound]
    }

    @Test("the table has a row per function and version, with overhead and dropped events stated")
    func table() throws {
        var document = SampleTrace.make()
        document.droppedCalls = 1234
        let html = TraceHTML.render(document)
        let table = try section("calls", of: html)
        #expect(table.components(separatedBy: "<tr>").count - 2 == document.functions.count)  // minus the text before and the header
        for call in document.functions {
            #expect(table.contains("<td><code>\(call.function)</code></td><td>v\(call.version)</td><td class=\"num\">\(call.calls)</td>"))
            #expect(table.contains(Units.duration(call.p99)))
        }
        #expect(table.contains("overhead of 12 ns per call"))
        #expect(table.contains("1,234 call events were dropped"))
        #expect(html.contains("<div class=\"label\">Dropped events</div><div class=\"value\">1,234</div>"))
    }

    @Test("a flame graph: a rect with a tooltip per function, stacked by depth, widths by self time, lines and versions as details")
    func flameGraph() throws {
        let document = SampleTrace.make()
        let flame = try section("flame-graph", of: TraceHTML.render(document))
        #expect(flame.contains("<svg class=\"chart flame\""))
        let total = document.stacks.reduce(0) { $0 + ($1.selfNanoseconds ?? 0) }
        let samples = document.stacks.reduce(0) { $0 + $1.count }
        #expect(flame.contains("<title>all — \(Units.duration(total)) self time below it, 100.0%, \(samples) samples</title>"))
        // physics_step is one box, whatever version: its versions are details.
        let physics = document.stacks.filter { $0.frames.last?.hasPrefix("physics_step [") ?? false }
        let physicsSamples = physics.reduce(0) { $0 + $1.count }
        #expect(flame.contains("<title>physics_step — \(Units.duration(physics.reduce(0) { $0 + ($1.selfNanoseconds ?? 0) })) self time below it, "))
        #expect(flame.contains(", \(physicsSamples) samples; seen at v1, v2, v3</title>"))
        // game_loop is one box though its samples came through two lines.
        #expect(flame.components(separatedBy: "<title>game_loop — ").count - 1 == 1)
        #expect(flame.contains("seen at game.vais:101, game.vais:98</title>"))
        // main → game_loop → update → physics_step: the root and four frames above it.
        let rows = Set(flame.components(separatedBy: "<rect ").dropFirst().compactMap { $0.split(separator: "\"").dropFirst(3).first })
        #expect(rows.count == 5)
        #expect(flame.contains(">main</text>"))
    }

    @Test("a function called 20 times at ~1 ms is wider than one called 2,000 times at ~10 ns")
    func widthsByTime() throws {
        let stacks = [FoldedStack(frames: ["main (game.vais:3)", "slow [v1]"], count: 20, selfNanoseconds: 20 * 1_000_000),
                      FoldedStack(frames: ["main (game.vais:4)", "quick [v1]"], count: 2_000, selfNanoseconds: 2_000 * 10)]
        let svg = try #require(FlameGraph.svg(stacks))
        func width(of name: String) throws -> Double {
            let rect = try #require(svg.components(separatedBy: "<rect ").first { $0.contains("<title>\(name) — ") })
            let value = try #require(rect.components(separatedBy: "width=\"").dropFirst().first?.split(separator: "\"").first)
            return try #require(Double(value))
        }
        #expect(try width(of: "slow") > 100 * (try width(of: "quick")))
        // Without times (an older document), by how often each was seen: the quick one is wider.
        let counted = stacks.map { FoldedStack(frames: $0.frames, count: $0.count) }
        #expect(try #require(FlameGraph.svg(counted)).contains("<title>quick — 99.0%"))
    }

    @Test("labels are cut to their frame's width, or left out")
    func labels() {
        #expect(FlameGraph.label("physics_step", width: 500) == "physics_step")
        let cut = FlameGraph.label("physics_step", width: 60)
        #expect(cut == "physic…" && Double(cut?.count ?? 0) * FlameGraph.characterWidth <= 60 - 6)
        #expect(FlameGraph.label("physics_step", width: 20) == nil)
        #expect(FlameGraph.svg([]) == nil)
    }

    @Test("did the edit make it faster: per function, versions side by side with a verdict, the edited function marked, p50 charted")
    func latencyByVersion() throws {
        let document = SampleTrace.make()
        let functions = Dictionary(uniqueKeysWithValues: VersionLatency.rows(document.functions, edited: [2: ["physics_step"], 3: ["physics_step"]])
            .map { ($0.function, $0.rows) })
        let physics = try #require(functions["physics_step"])
        #expect(physics.map(\.statistics.version) == [1, 2, 3])
        #expect(physics.map(\.verdict) == [nil, .worse, .better])
        #expect(physics.map(\.edited) == [false, true, true])
        // Not edited, and its calls did not change: within noise from version to version.
        #expect(try #require(functions["render_sprites"]).dropFirst().allSatisfy { $0.verdict == .withinNoise && !$0.edited })
        let section = try section("latency", of: TraceHTML.render(document))
        #expect(section.contains("<code>physics_step</code>") && section.contains("<svg class=\"sparkline\""))
        #expect(section.contains("<td class=\"worse\">slower</td>") && section.contains("<td class=\"better\">faster</td>"))
        #expect(section.components(separatedBy: "<span class=\"badge edited\">edited</span>").count - 1 == 2 + 1)  // two rows and the note
        // A document without quartiles (older vais-hot) shows the change without a verdict.
        var old = document
        for index in old.functions.indices { old.functions[index].p25 = nil }
        #expect(VersionLatency.rows(old.functions, edited: [:]).allSatisfy { $0.rows.allSatisfy { $0.verdict == nil } })
    }

    @Test("times at or below the tracer's resolution read '< N', and two such versions are within noise")
    func belowResolution() throws {
        #expect(Units.tracedDuration(0, resolution: 11.2) == "< 12 ns")
        #expect(Units.tracedDuration(11, resolution: 11.2) == "< 12 ns")
        #expect(Units.tracedDuration(40, resolution: 11.2) == "40 ns")
        #expect(Units.tracedDuration(0, resolution: nil) == "0 ns")
        var document = SampleTrace.make()
        document.resolutionNanoseconds = 11.2
        document.functions.append(CallStatistics(function: "tiny", version: 1, calls: 2_000, totalNanoseconds: 0, selfNanoseconds: 0, minimum: 0,
                                                 p50: 0, p90: 3, p99: 9, maximum: 40, p25: 0, p75: 1))
        document.functions.append(CallStatistics(function: "tiny", version: 2, calls: 2_000, totalNanoseconds: 0, selfNanoseconds: 0, minimum: 0,
                                                 p50: 8, p90: 10, p99: 12, maximum: 40, p25: 7, p75: 9))
        let html = TraceHTML.render(document)
        let table = try section("calls", of: html)
        #expect(table.contains("<td><code>tiny</code></td><td>v1</td><td class=\"num\">2000</td><td class=\"num\">&lt; 12 ns</td>"))
        #expect(table.contains("reads <code>&lt; 12 ns</code>"))
        let tiny = try #require(VersionLatency.rows(document.functions, edited: [:], resolution: 11.2).first { $0.function == "tiny" })
        #expect(tiny.rows.last?.verdict == .withinNoise)
    }

    @Test("report --compare on two traces: each function's last version against the other's, with a verdict by the same rule")
    func compareTraces() throws {
        let old = SampleTrace.make()
        var new = old
        // physics_step twice as slow in every version; nothing else changed.
        for index in new.functions.indices where new.functions[index].function == "physics_step" {
            for keyPath in [\CallStatistics.p50, \.p90, \.p99] { new.functions[index][keyPath: keyPath] *= 2 }
            new.functions[index].p25 = new.functions[index].p25.map { $0 * 2 }
            new.functions[index].p75 = new.functions[index].p75.map { $0 * 2 }
        }
        let changes = TraceComparison.compare(old, new)
        #expect(changes.map(\.function) == ["mix_audio", "physics_step", "render_sprites", "update"])
        #expect(changes.first { $0.function == "physics_step" }?.verdict == .worse)
        #expect(changes.filter { $0.function != "physics_step" }.allSatisfy { $0.verdict == .withinNoise })
        let table = TraceComparison.table(changes)
        #expect(table.contains("slower") && table.contains("within noise") && table.contains("(v3)"))
        let section = try section("comparison", of: TraceHTML.render(new, baseline: old))
        #expect(section.contains("<td class=\"worse\">slower</td>"))
        var other = old
        other.program = "/elsewhere/other.vais"
        #expect(TraceComparison.caveat(other, new)?.hasPrefix("the traces are of different programs") == true)
    }

    @Test("the timeline shows calls per second per version; without events it is not there")
    func timeline() throws {
        let document = SampleTrace.make()
        let timeline = try section("timeline", of: TraceHTML.render(document))
        #expect(timeline.contains("<svg class=\"chart\""))
        for version in 1...3 { #expect(timeline.contains("</span>v\(version)</li>")) }
        var stats = document
        stats.calls = []
        stats.mode = "stats"
        #expect(!TraceHTML.render(stats).contains("<section id=\"timeline\">"))
    }

    @Test("a function named <script> is escaped everywhere; the page runs no script and loads nothing")
    func escaping() throws {
        let document = SampleTrace.renaming("update", to: "<script>alert(\"x\")</script>", in: SampleTrace.make())
        let html = TraceHTML.render(document)
        #expect(!html.localizedCaseInsensitiveContains("<script"))
        #expect(html.contains("<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</code>"))
        #expect(html.contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; — "))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link") && !html.contains("@import"))
    }

    @Test("counts read with thousands separators")
    func counts() {
        #expect(Units.count(0) == "0" && Units.count(999) == "999" && Units.count(1_000) == "1,000" && Units.count(12_345_678) == "12,345,678")
    }
}

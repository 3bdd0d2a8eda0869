import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    private let document = SampleProfile.make()

    private func render(baseline: ProfileDocument? = nil) throws -> String {
        HTMLReport.render(document, targets: try Targets.load(), baseline: baseline)
    }

    @Test("the targets table lists every applicable target with pass/fail badges")
    func targetsTable() throws {
        let html = try render()
        let table = try #require(html.range(of: "<section id=\"targets\">").map { String(html[$0.lowerBound...]) })
        for result in Targets.evaluate(document, against: try Targets.load()) {
            #expect(table.contains(result.target.title.htmlEscaped))
        }
        #expect(!table.contains("Compile, medium"))
        #expect(html.contains("badge pass") && html.contains("badge fail"))
    }

    @Test("every chart is there as inline SVG")
    func charts() throws {
        let html = try render()
        for id in ["phases", "totals", "memory", "rss"] {
            let start = try #require(html.range(of: "<section id=\"\(id)\">"), "section \(id)")
            let rest = html[start.upperBound...]
            let end = try #require(rest.range(of: "</section>"))
            let body = rest[..<end.lowerBound]
            #expect(body.contains("<svg class=\"chart\""), "chart in \(id)")
            #expect(body.contains("class=\"legend\""), "legend in \(id)")
            #expect(body.contains("class=\"axis-title\""), "axis titles in \(id)")
        }
        #expect(html.contains("<section id=\"slowest-reload\">"))
        #expect(html.contains("Slowest reload: v9"))
        #expect(html.contains("<section id=\"versions\">") && html.contains("<section id=\"failures\">") && html.contains("<section id=\"calls\">"))
    }

    @Test("names and messages from input are escaped; the page runs no script and loads nothing")
    func escaping() throws {
        let html = try render()
        #expect(!html.localizedCaseInsensitiveContains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("/home/dev/games/&lt;demo&gt;/game.vais"))
        #expect(html.contains("let x = &lt;"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link") && !html.contains("@import"))
    }

    @Test("a session with no reloads still renders, saying so")
    func empty() throws {
        var empty = document
        empty.reloads = []
        empty.memory = []
        let html = HTMLReport.render(empty, targets: try Targets.load())
        #expect(html.contains("<section id=\"targets\">"))
        #expect(html.contains("Nothing was recorded for this session."))
        #expect(!html.contains("<svg"))
    }

    @Test("with a baseline, the page compares phase medians")
    func comparison() throws {
        let html = try render(baseline: SampleProfile.make(seed: 99))
        #expect(html.contains("<section id=\"comparison\">"))
        #expect(html.contains("<td>codegen</td>") && html.contains("<td>link</td>"))
    }

    @Test("settings are stored as JSON numbers and shown in words with their units; a document that kept them as strings still reads")
    func settings() throws {
        let document = SampleProfile.make()
        let json = try String(decoding: DocumentJSON.encode(document), as: UTF8.self)
        #expect(json.contains("\"reloads\" : 20") && json.contains("\"debounceMilliseconds\" : 100") && json.contains("\"optimization\" : \"-O0\""))
        let html = HTMLReport.render(document, targets: [])
        #expect(html.contains("debounce: 100 ms") && html.contains("source lines: 420") && html.contains("reloads: 20"))
        #expect(!html.contains("debounceMilliseconds") && !html.contains("sourceLines="))
        // An older document: every setting a string.
        let old = try JSONDecoder().decode([String: SettingValue].self, from: Data("{\"sourceLines\": \"420\", \"stackDepth\": 8, \"debugInfo\": true}".utf8))
        #expect(old["sourceLines"]?.integer == 420 && old["stackDepth"] == .integer(8) && old["debugInfo"] == .flag(true))
        #expect(SettingLabel.text("callCostNanoseconds", .number(21.5)) == "call cost: 21.5 ns")
        #expect(SettingLabel.text("retainedVersions", .integer(3)) == "retained versions: 3")
    }

    @Test("the reload beyond the compile has its own chart; axes read 0, not 0 ns; 21 versions get 21 colours")
    func chartsReadable() throws {
        let html = HTMLReport.render(document, targets: [])
        let overhead = try #require(html.components(separatedBy: "<section id=\"overhead-phases\">").dropFirst().first)
        let chart = try #require(overhead.components(separatedBy: "</section>").first)
        for phase in ["copy", "elfCheck", "dlopen", "dlsym", "swap"] { #expect(chart.contains(" \(phase): "), "\(phase)") }
        #expect(!chart.contains(" clang: "))
        #expect(!html.contains(">0 ns</text>") && !html.contains(">0 B</text>"))
        let colors = Palette.distinct(21)
        #expect(Set(colors).count == 21)
        #expect(Palette.distinct(5) == Array(Palette.colors.prefix(5)))
    }
}

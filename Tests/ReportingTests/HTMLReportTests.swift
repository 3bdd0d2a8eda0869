import Foundation
import Profiling
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
        #expect(html.contains("<td>clang</td>"))
    }
}

import Foundation
@testable import Reporting
import Testing
import TestSupport

/// Every HTML page vais-hot writes (profile, comparison, trace, trace
/// comparison, bench, trend), rendered by a real browser (headless
/// Chromium, which CI installs) at 1,400 and 700 pixels wide: the page is
/// no wider than the window, shows no `NaN` or `undefined`, and every chart
/// has marks in it. With `VAIS_HOT_SCREENSHOTS=FOLDER` (`make screenshots`)
/// it also saves a screenshot of each.
@Suite("Pages in a browser", .enabled(if: HeadlessChromium.path != nil, "chromium is not installed (apt-get install chromium)"))
struct PagesInBrowserTests {
    static let widths = [1_400, 700]

    /// Each page as vais-hot renders it from the sample documents.
    static func pages() throws -> [(name: String, html: String)] {
        let profile = SampleProfile.make()
        let trace = SampleTrace.make()
        let run = SampleBench.make()
        let history = [SampleBench.make(seed: 1, startedAt: "2026-11-18T09:00:00Z", commit: "1111111aaaa"),
                       SampleBench.make(seed: 2, startedAt: "2026-11-19T09:00:00Z", commit: "2222222bbbb", scale: 1.1), run]
        let targets = try Targets.load()
        return [
            ("profile", HTMLReport.render(profile, targets: targets)),
            ("compare", HTMLReport.render(profile, targets: targets, baseline: SampleProfile.make(seed: 99))),
            ("trace", TraceHTML.render(trace)),
            ("trace-compare", TraceHTML.render(trace, baseline: SampleTrace.make())),
            ("bench", BenchHTML.render([run], targets: targets,
                                       comparison: BenchComparison(run: run, baseline: SampleBench.scalingCodeTimes(run, by: 1.0 / 3)))),
            ("trend", BenchHTML.render(history, targets: targets)),
        ]
    }

    @Test("every page fits the window, shows no NaN or undefined, and has no empty chart", arguments: widths)
    func pagesRead(width: Int) throws {
        let scratch = try ScratchDirectory("pages-\(width)")
        let folder = scratch.url
        let screenshots = ProcessInfo.processInfo.environment["VAIS_HOT_SCREENSHOTS"]
        for (name, html) in try Self.pages() {
            let page = folder.appendingPathComponent("\(name).html")
            try html.write(to: page, atomically: true, encoding: .utf8)
            let measured = try HeadlessChromium.measure(page, width: width)
            #expect(measured.scrollWidth <= width, "\(name) at \(width) px is \(measured.scrollWidth) px wide")
            #expect(!measured.text.contains("NaN") && !measured.text.contains("undefined"), "\(name) at \(width) px")
            #expect(measured.emptyCharts == 0, "\(name) at \(width) px: \(measured.emptyCharts) of \(measured.charts) charts empty")
            if let screenshots {
                try HeadlessChromium.screenshot(page, width: width, to: URL(fileURLWithPath: screenshots).appendingPathComponent("\(name)-\(width).png"))
            }
        }
    }
}

/// Headless Chromium driven from its command line: a page is measured by
/// loading it in an iframe of a small wrapper page whose script writes what
/// it found into its own DOM, which `--dump-dom` prints.
enum HeadlessChromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Measurement {
        var scrollWidth: Int
        var text: String
        var charts: Int
        var emptyCharts: Int
    }

    static func measure(_ page: URL, width: Int) throws -> Measurement {
        let wrapper = page.deletingLastPathComponent().appendingPathComponent("measure-\(page.lastPathComponent)")
        try """
        <html><body style="margin:0"><iframe id="page" src="\(page.lastPathComponent)" style="width:\(width)px;height:900px;border:0"></iframe>
        <script>
        document.getElementById('page').onload = function () {
          var d = document.getElementById('page').contentDocument;
          var charts = d.querySelectorAll('svg.chart');
          var empty = 0;
          charts.forEach(function (c) { if (c.querySelectorAll('rect,path,polyline,circle,line').length === 0) empty++; });
          var out = document.createElement('pre');
          out.id = 'result';
          out.textContent = JSON.stringify({scrollWidth: d.documentElement.scrollWidth, text: d.body.innerText, charts: charts.length, empty: empty});
          document.body.appendChild(out);
        };
        </script></body></html>
        """.write(to: wrapper, atomically: true, encoding: .utf8)
        let dom = try run(["--dump-dom", wrapper.absoluteString])
        guard let start = dom.range(of: "<pre id=\"result\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw BrowserFailure.noResult(String(dom.prefix(500)))
        }
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let fields = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        return Measurement(scrollWidth: fields["scrollWidth"] as? Int ?? Int.max, text: fields["text"] as? String ?? "",
                           charts: fields["charts"] as? Int ?? 0, emptyCharts: fields["empty"] as? Int ?? -1)
    }

    static func screenshot(_ page: URL, width: Int, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try run(["--screenshot=\(file.path)", "--window-size=\(width),2400", "--hide-scrollbars", page.absoluteString])
    }

    enum BrowserFailure: Error {
        case noResult(String)
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=5000"]
            + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

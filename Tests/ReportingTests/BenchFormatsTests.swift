import Documents
import Foundation
@testable import Reporting
import Testing
import TestSupport

@Suite("Bench formats and files")
struct BenchFormatsTests {

    private var regressedComparison: BenchComparison {
        let run = SampleBench.make()
        return BenchComparison(run: run, baseline: SampleBench.scalingCodeTimes(run, by: 1.0 / 3))
    }

    @Test("github-action-benchmark output parses to [{name, unit, value, range}] with value the median and range half the IQR")
    func githubActionBenchmark() throws {
        let run = SampleBench.make()
        let data = try BenchFormats.githubActionBenchmark(run)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(parsed.count == run.metrics.count)
        for (entry, metric) in zip(parsed, run.metrics) {
            #expect(entry["name"] as? String == metric.name)
            #expect(entry["unit"] as? String == metric.unit)
            #expect(abs(((entry["value"] as? NSNumber)?.doubleValue ?? -1) - metric.median) <= 0.005)
            let range = try #require(entry["range"] as? String)
            #expect(range == String(format: "± %.2f", (metric.p75 - metric.p25) / 2))
            #expect(range.hasPrefix("± "))
            #expect(entry["extra"] is String)
        }
        // The same through Codable, as a consumer would decode it.
        struct Entry: Decodable { var name: String; var unit: String; var value: Double; var range: String }
        #expect(try JSONDecoder().decode([Entry].self, from: data).map(\.name) == run.metrics.map(\.name))
        // Bigger-is-better metrics go to their own file; there are none here.
        #expect((try JSONSerialization.jsonObject(with: BenchFormats.githubActionBenchmark(run, smallerIsBetter: false)) as? [Any])?.isEmpty == true)
    }

    @Test("a bigger-is-better metric is only in the customBiggerIsBetter array")
    func actionDirections() throws {
        var run = SampleBench.make()
        run.metrics.append(BenchMetric(name: "calls/per second", kind: .time, unit: "calls/s", smallerIsBetter: false, median: 5e8, p25: 4.9e8,
                                       p75: 5.1e8, p95: 5.2e8, count: 9))
        #expect(!BenchFormats.actionBenchmarkEntries(run).contains { $0.name == "calls/per second" })
        #expect(BenchFormats.actionBenchmarkEntries(run, smallerIsBetter: false).map(\.name) == ["calls/per second"])
        #expect(BenchFormats.actionBenchmarkEntries(run, smallerIsBetter: false).first?.range == "± 10000000.00")
    }

    @Test("the table and markdown show every metric, old and new, the change and the verdict words")
    func tableAndMarkdown() throws {
        let comparison = regressedComparison
        let table = BenchFormats.table(comparison)
        let markdown = BenchFormats.markdown(comparison)
        for metric in comparison.run.metrics {
            #expect(table.contains(metric.name), "\(metric.name)")
            #expect(markdown.contains("`\(metric.name)`"), "\(metric.name)")
        }
        #expect(table.contains("REGRESSED") && table.contains("unchanged") && table.contains("reported"))
        #expect(table.contains("+200.0%") && table.contains("+0.0%"))
        #expect(table.contains("4 regressed, 0 improved, 5 unchanged · 6 reported only"))
        // A row per metric, under the headings and their rule.
        let lines = table.split(separator: "\n")
        let headingLine = try #require(lines.firstIndex { $0.hasPrefix("metric") })
        #expect(lines[headingLine + 1].allSatisfy { $0 == "-" || $0 == " " })
        let rowLine = try #require(lines.first { $0.hasPrefix("reload/dlopen") })
        #expect(rowLine.contains("REGRESSED (measured +200.0%)"))
        #expect(rowLine.contains("+200.0%") && rowLine.contains("50%") && rowLine.contains("÷ reference/dlopen of a small C library"))
        // The ratios are shown beside the measured medians.
        #expect(rowLine.contains("×)"))
        let countLine = try #require(lines.first { $0.hasPrefix("instructions/front end/5000 lines") })
        #expect(countLine.contains("M instr") && countLine.contains("instructions") && countLine.contains("3%"))
        #expect(markdown.contains("**REGRESSED (measured +200.0%)**") && markdown.contains("| unchanged |"))
        #expect(markdown.contains("| :--- | ---: | ---: | :--- | ---: | ---: | :--- |"))

        let improved = BenchComparison(run: comparison.baseline, baseline: comparison.run)
        #expect(BenchFormats.table(improved).contains("improved"))
        #expect(try BenchFormats.render(improved.run, comparison: improved, as: .markdown).contains("| improved (measured -66.7%) |"))
    }

    @Test("a plain run renders every metric; json is the document itself, pretty with sorted keys")
    func plainRun() throws {
        let run = SampleBench.make()
        let table = try BenchFormats.render(run, as: .table)
        let markdown = try BenchFormats.render(run, as: .markdown)
        for metric in run.metrics {
            #expect(table.contains(metric.name))
            #expect(markdown.contains("`\(metric.name)`"))
        }
        let slotCall = try #require(run.metrics.first { $0.name == "calls/through a slot" })
        #expect(table.contains(BenchUnits.format(slotCall.median, unit: slotCall.unit)))
        let json = try BenchFormats.render(run, as: .json)
        #expect(try BenchFile.decode(Data(json.utf8), path: "stdout") == run)
        #expect(json.contains("\n  \"gitCommit\" : "))
        let keys = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
    }

    @Test("names from input cannot break a markdown table")
    func markdownEscaping() {
        var run = SampleBench.make()
        run.metrics[0].name = "a|b `c` <script>"
        let markdown = BenchFormats.markdown(run)
        #expect(markdown.contains("`a\\|b 'c' <script>`"))
        let row = markdown.split(separator: "\n").first { $0.contains("a\\|b") } ?? ""
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 7)
    }

    @Test("units keep per-call fractions of a nanosecond and scale up")
    func units() {
        #expect(BenchUnits.format(1.734, unit: "ns") == "1.73 ns")
        #expect(BenchUnits.format(0, unit: "ns") == "0 ns")
        #expect(BenchUnits.format(999.7, unit: "ns") == "1.00 µs")
        #expect(BenchUnits.format(41_000_000, unit: "ns") == "41.0 ms")
        #expect(BenchUnits.format(1_228_800, unit: "bytes") == "1.23 MB")
        #expect(BenchUnits.format(512, unit: "bytes") == "512 B")
        #expect(BenchUnits.format(-8192, unit: "bytes") == "-8.19 KB")
        #expect(BenchUnits.format(12.5, unit: "calls/s") == "12.5 calls/s")
        #expect(BenchUnits.format(.nan, unit: "ns") == "–")
    }

    @Test("a bench run writes and reads back; other JSON, newer schemas and missing files say what they are")
    func files() throws {
        let scratch = try ScratchDirectory("bench-files")
        let folder = scratch.url
        let run = SampleBench.make()
        let file = folder.appendingPathComponent("nested/run.json")
        try BenchFile.write(run, to: file)
        #expect(try BenchFile.read(file) == run)

        let profile = folder.appendingPathComponent("profile.json")
        try ReportWriter.profileJSON(SampleProfile.make()).write(to: profile)
        #expect { try BenchFile.read(profile) } throws: { error in
            guard case .notThatDocument(_, .bench, let reason) = error as? DocumentError else { return false }
            return reason.contains("profile.json")
        }
        let action = folder.appendingPathComponent("action.json")
        try BenchFormats.githubActionBenchmark(run).write(to: action)
        #expect { try BenchFile.read(action) } throws: { error in
            guard case .notThatDocument(_, .bench, let reason) = error as? DocumentError else { return false }
            return reason.contains("github-action-benchmark")
        }
        var broken = try #require(try JSONSerialization.jsonObject(with: BenchFile.data(run)) as? [String: Any])
        broken["metrics"] = nil
        let noMetrics = folder.appendingPathComponent("no-metrics.json")
        try JSONSerialization.data(withJSONObject: broken).write(to: noMetrics)
        #expect { try BenchFile.read(noMetrics) } throws: { error in
            guard case .notThatDocument(_, .bench, let reason) = error as? DocumentError else { return false }
            return reason == "no field `metrics`"
        }
        let newer = folder.appendingPathComponent("newer.json")
        try Data("{\"schemaVersion\": \(BenchDocument.currentSchemaVersion + 1)}".utf8).write(to: newer)
        #expect { try BenchFile.read(newer) } throws: { error in
            guard case .newerSchema(_, .bench, let found) = error as? DocumentError else { return false }
            return found == BenchDocument.currentSchemaVersion + 1
        }
        #expect(throws: DocumentError.self) { try BenchFile.read(folder.appendingPathComponent("missing.json")) }
        #expect(DocumentError.notThatDocument(path: "x.json", kind: .bench, reason: "r").description.contains("vais-hot bench --out"))
    }

    @Test("a history folder: runs sorted by start time, other files skipped with a reason, a copied run kept once")
    func history() throws {
        let scratch = try ScratchDirectory("bench-files")
        let folder = scratch.url
        let runs = [
            SampleBench.make(seed: 3, startedAt: "2026-11-21T10:00:00Z", commit: "bbbbbbb"),
            SampleBench.make(seed: 4, startedAt: "2026-11-19T10:00:00Z", commit: "aaaaaaa"),
            SampleBench.make(seed: 5, startedAt: "2026-11-23T10:00:00Z", commit: "ccccccc"),
        ]
        for (index, run) in runs.enumerated() { try BenchFile.write(run, to: folder.appendingPathComponent("run-\(index).json")) }
        var baseline = runs[1]
        baseline.thresholds = ["reload/dlopen": 40]
        try BenchFile.write(baseline, to: folder.appendingPathComponent("baseline.json"))
        try Data("not json".utf8).write(to: folder.appendingPathComponent("notes.json"))
        try Data("ignored".utf8).write(to: folder.appendingPathComponent("README.md"))

        let history = try BenchHistory.load(folder: folder)
        #expect(history.runs.map(\.gitCommit) == ["aaaaaaa", "bbbbbbb", "ccccccc"])
        #expect(history.skipped.map(\.file).sorted() == ["notes.json", "run-1.json"])
        #expect(history.skipped.first { $0.file == "run-1.json" }?.reason == "the same run as baseline.json")
        #expect(history.skipped.first { $0.file == "notes.json" }?.reason.hasPrefix("not a bench run") == true)
        #expect(history.ending(with: runs[2]).map(\.gitCommit) == ["aaaaaaa", "bbbbbbb", "ccccccc"])
        #expect(throws: DocumentError.self) { try BenchHistory.load(folder: folder.appendingPathComponent("nowhere")) }
    }
}

import Documents
import Foundation

/// What `vais-hot bench --format` prints.
public enum BenchFormat: String, Sendable, CaseIterable {
    /// Fixed-width text for a terminal or a CI log.
    case table
    /// A GitHub table, for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
    case markdown
    /// The bench run itself (`BenchFile.data`).
    case json
}

/// The text renderings of a bench run, alone or compared with a baseline.
///
/// Every metric of the run gets a row; with a baseline, metrics only the
/// baseline has get a `MISSING` row at the end, and the verdict words are
/// `improved`, `unchanged`, `REGRESSED` (capitals so a log search finds
/// them), `new` (no baseline value) and `not compared` (a baseline problem,
/// listed under the table).
public enum BenchFormats {
    /// `run` in `format`; with a `comparison` (whose `run` should be `run`),
    /// the table and markdown show old and new side by side, and the JSON is
    /// the run with the comparison stored in it (`comparedWith`).
    public static func render(_ run: BenchDocument, comparison: BenchComparison? = nil, as format: BenchFormat) throws(DocumentError) -> String {
        switch format {
        case .table: comparison.map { table($0) } ?? table(run)
        case .markdown: comparison.map { markdown($0) } ?? markdown(run)
        case .json: String(decoding: try BenchFile.data(comparison?.runWithVerdicts ?? run), as: UTF8.self) + "\n"
        }
    }

    // MARK: - Plain run

    public static func table(_ run: BenchDocument) -> String {
        let rows = [plainHeadings] + run.metrics.map(plainRow)
        return heading(run) + "\n\n" + textTable(rows, leftAligned: [0]) + "\n" + "\(run.metrics.count) metrics; p25–p75 and p95 are nearest-rank.\n"
    }

    public static func markdown(_ run: BenchDocument) -> String {
        let rows = run.metrics.map(plainRow)
        return "### \(markdownEscaped(heading(run)))\n\n" + markdownTable(plainHeadings, rows, leftAligned: [0]) + "\n"
            + "\(run.metrics.count) metrics; p25–p75 and p95 are nearest-rank.\n"
    }

    private static let plainHeadings = ["metric", "median", "p25", "p75", "p95", "samples"]

    private static func plainRow(_ metric: BenchMetric) -> [String] {
        [metric.name] + [metric.median, metric.p25, metric.p75, metric.p95].map { BenchUnits.format($0, unit: metric.unit) } + [String(metric.count)]
    }

    // MARK: - Compared with a baseline

    /// A row of a comparison: what every renderer (text, markdown, HTML) shows.
    struct ComparisonRow {
        enum Status {
            case verdict(BenchComparison.Verdict, note: String?)
            case added, missing, notCompared
        }

        var name: String
        var old: String
        var new: String
        /// How the metric is gated (`BenchFormats.gateText`).
        var gate: String
        var change: String
        var threshold: String
        var status: Status

        var verdictText: String {
            switch status {
            case .verdict(let verdict, _): BenchFormats.word(verdict)
            case .added: "new"
            case .missing: "MISSING"
            case .notCompared: "not compared"
            }
        }

        /// Why a verdict is what it is when the number alone would suggest otherwise.
        var note: String? {
            if case .verdict(_, let note) = status { return note }
            return nil
        }
    }

    /// The verdict as printed: capitals for the one that fails the build.
    public static func word(_ verdict: BenchComparison.Verdict) -> String {
        switch verdict {
        case .improved: "improved"
        case .unchanged: "unchanged"
        case .regressed: "REGRESSED"
        case .reported: "reported"
        }
    }

    /// Every metric of the run in its order (compared, new or not compared),
    /// then those only the baseline has.
    static func rows(_ comparison: BenchComparison) -> [ComparisonRow] {
        let entries = Dictionary(comparison.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let baseline = Dictionary(comparison.baseline.metrics.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        var rows: [ComparisonRow] = []
        for metric in comparison.run.metrics where seen.insert(metric.name).inserted {
            let new = BenchUnits.format(metric.median, unit: metric.unit)
            if let entry = entries[metric.name] {
                rows.append(ComparisonRow(name: entry.name, old: valueText(entry.old, gated: entry.gatedOld, gate: entry.gate),
                                          new: valueText(entry.new, gated: entry.gatedNew, gate: entry.gate), gate: gateText(entry),
                                          change: changeText(entry), threshold: entry.gate == .reported ? "–" : percentText(entry.thresholdPercent),
                                          status: .verdict(entry.verdict, note: note(entry))))
            } else if let old = baseline[metric.name] {
                rows.append(ComparisonRow(name: metric.name, old: BenchUnits.format(old.median, unit: old.unit), new: new, gate: old.gate.rawValue,
                                          change: "–", threshold: "–", status: .notCompared))
            } else {
                rows.append(ComparisonRow(name: metric.name, old: "–", new: new, gate: metric.gate.rawValue, change: "–", threshold: "–",
                                          status: .added))
            }
        }
        for metric in comparison.missing {
            rows.append(ComparisonRow(name: metric.name, old: BenchUnits.format(metric.median, unit: metric.unit), new: "–",
                                      gate: metric.gate.rawValue, change: "–", threshold: "–", status: .missing))
        }
        return rows
    }

    /// A median as measured; for a ratio gate, followed by what is compared.
    private static func valueText(_ metric: BenchMetric, gated: BenchMetric, gate: BenchMetric.Gate) -> String {
        let measured = BenchUnits.format(metric.median, unit: metric.unit)
        return gate == .ratio ? measured + " (" + BenchUnits.format(gated.median, unit: gated.unit) + ")" : measured
    }

    /// How the entry is gated: `instructions`, `bytes`, `reported`, or `÷ reference`.
    static func gateText(_ entry: BenchComparison.Entry) -> String {
        entry.gate == .ratio ? "÷ " + (entry.gatedNew.reference ?? "reference") : entry.gate.rawValue
    }

    private static let comparisonHeadings = ["metric", "old median", "new median", "gated on", "change", "threshold", "verdict"]

    private static func cells(_ row: ComparisonRow) -> [String] {
        [row.name, row.old, row.new, row.gate, row.change, row.threshold, row.verdictText + (row.note.map { " (\($0))" } ?? "")]
    }

    public static func table(_ comparison: BenchComparison) -> String {
        let rows = [comparisonHeadings] + rows(comparison).map(cells)
        return heading(comparison.run) + "\nbaseline: " + baselineLine(comparison.baseline) + "\n\n"
            + textTable(rows, leftAligned: [0, 3, 6]) + "\n" + comparison.summary + "\n" + rule + "\n"
            + comparison.problems.map { "problem: \($0)\n" }.joined()
    }

    public static func markdown(_ comparison: BenchComparison) -> String {
        let rows = rows(comparison).map { row in
            var cells = cells(row)
            if case .verdict(.regressed, _) = row.status { cells[6] = "**\(cells[6])**" }
            if case .missing = row.status { cells[6] = "**\(cells[6])**" }
            return cells
        }
        let problems = comparison.problems.map { "- \(markdownEscaped($0.description))\n" }.joined()
        return "### \(markdownEscaped(heading(comparison.run)))\n\n"
            + "Baseline: \(markdownEscaped(baselineLine(comparison.baseline)))\n\n"
            + markdownTable(comparisonHeadings, rows, leftAligned: [0, 3, 6]) + "\n"
            + "**\(markdownEscaped(comparison.summary))**. \(markdownEscaped(rule))\n"
            + (problems.isEmpty ? "" : "\nProblems with the baseline:\n\n" + problems)
    }

    /// How verdicts are reached, in one line under every comparison.
    static let rule = "Instruction counts and sizes are compared as measured; a wall time gated on a reference is compared as its "
        + "median divided by that reference's median in the same run (shown in brackets), so a slower machine is not a regression; "
        + "other wall times are reported only. A metric regressed (or improved) when the compared median moved the wrong (or right) "
        + "way by more than its threshold and its p25–p75 range does not overlap the baseline's; change is the compared median's."

    static func changeText(_ entry: BenchComparison.Entry) -> String {
        if let percent = entry.changePercent { return Units.percentChange(percent) }
        return "from 0"
    }

    /// Why an entry is unchanged although its compared median moved by more
    /// than its threshold; for a ratio, also what the measured median did.
    static func note(_ entry: BenchComparison.Entry) -> String? {
        var parts: [String] = []
        if entry.unconfirmed {
            parts.append("not in both runs")
        } else if entry.verdict == .unchanged, abs(entry.worsePercent) > entry.thresholdPercent {
            if entry.gate == .bytes, abs(entry.new.median - entry.old.median) <= BenchComparison.bytesResolution {
                parts.append("within a page")
            } else if entry.rangesOverlap {
                parts.append("ranges overlap")
            }
        }
        if entry.gate == .ratio, let raw = entry.rawChangePercent { parts.append("measured " + Units.percentChange(raw)) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func percentText(_ percent: Double) -> String {
        percent == percent.rounded() ? String(format: "%.0f%%", percent) : String(format: "%.1f%%", percent)
    }

    // MARK: - github-action-benchmark

    /// One entry of github-action-benchmark's custom tools' input.
    public struct ActionBenchmarkEntry: Codable, Sendable, Equatable {
        public var name: String
        public var unit: String
        /// The median, to two decimals.
        public var value: Double
        /// Half the interquartile range, `"± 1.23"`.
        public var range: String
        /// Shown in the action's tooltip: p25, p75, p95 and the sample count.
        public var extra: String
    }

    /// The JSON array github-action-benchmark reads with `tool:
    /// customSmallerIsBetter` (`smallerIsBetter: true`, the default) or
    /// `customBiggerIsBetter` (`false`): one entry per metric of that
    /// direction, `value` the median in the metric's unit, `range` half its
    /// interquartile range. The action takes one direction per file, so a
    /// run with bigger-is-better metrics needs the second file as well;
    /// every metric vais-hot measures today is smaller-is-better, so the
    /// second array is empty. `extra` (optional in the action's format)
    /// carries the quartiles, p95 and sample count, formatted, to its tooltip.
    public static func githubActionBenchmark(_ run: BenchDocument, smallerIsBetter: Bool = true) throws(DocumentError) -> Data {
        let entries = actionBenchmarkEntries(run, smallerIsBetter: smallerIsBetter)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(entries)
        } catch {
            throw .unwritable(path: "github-action-benchmark JSON", reason: "a metric holds a value JSON cannot represent: \(error)")
        }
    }

    public static func actionBenchmarkEntries(_ run: BenchDocument, smallerIsBetter: Bool = true) -> [ActionBenchmarkEntry] {
        run.metrics.filter { $0.smallerIsBetter == smallerIsBetter }.map { metric in
            let format = { (value: Double) in BenchUnits.format(value, unit: metric.unit) }
            // Two decimals, as the range has: 2294575.68, not 2294575.6799999997.
            return ActionBenchmarkEntry(name: metric.name, unit: metric.unit, value: metric.median.isFinite ? (metric.median * 100).rounded() / 100 : 0,
                                        range: "± " + plainNumber((metric.p75 - metric.p25) / 2),
                                        extra: "p25 \(format(metric.p25)) · p75 \(format(metric.p75)) · p95 \(format(metric.p95)) · \(metric.count) samples")
        }
    }

    /// Two decimals, without a thousands separator: `1234567.50`.
    static func plainNumber(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "0.00"
    }

    // MARK: - Layout

    static func heading(_ run: BenchDocument) -> String {
        "vais-hot bench, \(run.suite) suite, \(run.startedAt)" + (run.gitCommit.map { ", commit \(shortCommit($0))" } ?? "")
    }

    private static func baselineLine(_ baseline: BenchDocument) -> String {
        "\(baseline.suite) suite, \(baseline.startedAt)" + (baseline.gitCommit.map { ", commit \(shortCommit($0))" } ?? "")
            + ", \(baseline.machine.cpuModel) (\(baseline.machine.cores) cores)"
    }

    static func shortCommit(_ commit: String) -> String { String(commit.prefix(10)) }

    /// Columns padded to their widest cell; the `leftAligned` ones (names,
    /// words) to the left, numbers to the right; a rule under the headings.
    static func textTable(_ rows: [[String]], leftAligned: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<columns).map { column in
                let text = column < row.count ? row[column] : ""
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return leftAligned.contains(column) ? text + padding : padding + text
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        guard let headings = rows.first else { return "" }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headings), rule] + rows.dropFirst().map(line)).joined(separator: "\n") + "\n"
    }

    static func markdownTable(_ headings: [String], _ rows: [[String]], leftAligned: Set<Int>) -> String {
        let alignment = headings.indices.map { leftAligned.contains($0) ? ":---" : "---:" }
        let body = rows.map { row in
            // The first column is a name from input: escaped, in code so slashes and commas read as one name.
            row.enumerated().map { index, cell in index == 0 ? "`\(cell.replacingOccurrences(of: "`", with: "'"))`".replacingOccurrences(of: "|", with: "\\|")
                : markdownEscaped(cell, keepEmphasis: true) }
        }
        return ([headings, alignment] + body).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }

    /// Text safe in a GitHub table cell or paragraph: pipes escaped, HTML
    /// and emphasis characters neutralised.
    static func markdownEscaped(_ text: String, keepEmphasis: Bool = false) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|": escaped += "\\|"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "*", "_", "`", "[", "]", "\\":
                // A `where` would guard only the last pattern of the list.
                escaped += keepEmphasis ? String(character) : "\\" + String(character)
            case "\n": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Values of bench metrics for people: durations in ns, µs, ms or s,
/// sizes in B, KB, MB or GB and instruction counts in k, M or G with three
/// significant digits (decimal units, as `Units`), keeping the fractions of
/// a nanosecond (or an instruction) that per-call costs have; ratios as
/// `1.91×`; any other unit as a plain number followed by the unit.
enum BenchUnits {
    static func format(_ value: Double, unit: String) -> String {
        guard value.isFinite else { return "–" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        switch unit {
        case "ns": return sign + Units.scaled(magnitude, steps: [(1e9, "s"), (1e6, "ms"), (1e3, "µs")], base: "ns", keepsFractions: true)
        case "bytes": return sign + Units.scaled(magnitude, steps: [(1e9, "GB"), (1e6, "MB"), (1e3, "KB")], base: "B")
        case "instructions":
            return sign + Units.scaled(magnitude, steps: [(1e9, "G instr"), (1e6, "M instr"), (1e3, "k instr")], base: "instr", keepsFractions: true)
        case "×": return sign + Units.significant(magnitude) + "×"
        default: return sign + Units.significant(magnitude) + (unit.isEmpty ? "" : " " + unit)
        }
    }

    /// An axis label: a round value without the trailing zeros.
    static func tick(_ value: Double, unit: String) -> String {
        value == 0 ? "0" : Units.round(format(value, unit: unit))
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

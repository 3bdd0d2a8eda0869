import Documents


/// "Did my edit make it faster?": every hot function's latency per version
/// side by side (calls, p50, p90, p99), each version against the one
/// before it with a verdict by `ChangeRule` on the call durations'
/// quartiles, the versions whose edit changed the function marked, and a
/// small chart of p50 per version. Used by `trace.html` and by the
/// profile's page when it traced calls.
enum VersionLatency {
    /// A version's p50 is called faster or slower only when it moved by more
    /// than this and the middle halves of the two versions' calls are apart.
    static let thresholdPercent = 5.0

    struct Row {
        var statistics: CallStatistics
        /// p50 against the previous version's, in percent; nil for the first.
        var changePercent: Double?
        /// nil for the first version, or when a document lacks quartiles.
        var verdict: ChangeRule.Verdict?
        /// The edit that made this version changed this function.
        var edited: Bool
    }

    /// One list of rows per function (by name), versions ascending.
    /// `edited` maps a version to the functions its edit changed.
    /// Two versions whose p50s are both at or below `resolution` are within
    /// noise, whatever their quartiles say.
    static func rows(_ calls: [CallStatistics], edited: [Int: [String]], resolution: Double? = nil) -> [(function: String, rows: [Row])] {
        Dictionary(grouping: calls, by: \.function).sorted { $0.key < $1.key }.map { function, statistics in
            var rows: [Row] = []
            for current in statistics.sorted(by: { $0.version < $1.version }) {
                let previous = rows.last?.statistics
                let change = previous.flatMap { old in old.p50 > 0 ? (Double(current.p50) - Double(old.p50)) / Double(old.p50) * 100 : nil }
                var verdict: ChangeRule.Verdict?
                if let previous, let old = spread(previous), let new = spread(current) {
                    if Double(max(previous.p50, current.p50)) <= (resolution ?? 0) {
                        verdict = .withinNoise
                    } else if let change {
                        verdict = ChangeRule.verdict(old: old, new: new, worsePercent: change, thresholdPercent: thresholdPercent)
                    }
                }
                rows.append(Row(statistics: current, changePercent: change, verdict: verdict,
                                edited: edited[current.version]?.contains(function) ?? false))
            }
            return (function, rows)
        }
    }

    private static func spread(_ statistics: CallStatistics) -> ChangeRule.Spread? {
        guard let p25 = statistics.p25, let p75 = statistics.p75, statistics.calls > 0 else { return nil }
        return ChangeRule.Spread(p25: Double(p25), median: Double(statistics.p50), p75: Double(p75))
    }

    /// The section, or "" when no call was traced; times at or below
    /// `resolution` read `< N ns`.
    static func section(_ calls: [CallStatistics], edited: [Int: [String]], resolution: Double? = nil) -> String {
        let functions = rows(calls, edited: edited, resolution: resolution)
        guard !functions.isEmpty else { return "" }
        let tables = functions.map { function, rows in
            let body = rows.map { row in
                let s = row.statistics
                let tone = row.verdict == .worse ? "worse" : row.verdict == .better ? "better" : ""
                let mark = row.edited ? " <span class=\"badge edited\">edited</span>" : ""
                return "<tr><td>v\(s.version)\(mark)</td><td class=\"num\">\(Units.count(s.calls))</td>"
                    + [s.p50, s.p90, s.p99].map { "<td class=\"num\">\(Units.tracedDuration($0, resolution: resolution).htmlEscaped)</td>" }.joined()
                    + "<td class=\"num \(tone)\">\(row.changePercent.map(Units.percentChange) ?? "–")</td>"
                    + "<td class=\"\(tone)\">\(ChangeRule.word(row.verdict))</td></tr>"
            }
            return """
            <div class="latency"><h3><code>\(function.htmlEscaped)</code></h3>\(sparkline(rows))
            <table><thead><tr><th>version</th><th class="num">calls</th><th class="num">p50</th><th class="num">p90</th>\
            <th class="num">p99</th><th class="num">p50 vs previous</th><th>verdict</th></tr></thead><tbody>\(body.joined())</tbody></table></div>
            """
        }
        return """
        <section id="latency"><h2>Did the edit make it faster?</h2>
        <p class="note">Each hot function's call latency per version, oldest first, with p50 per version charted. A version is \
        <span class="worse">slower</span> or <span class="better">faster</span> than the one before it when its p50 moved by more than \
        \(Int(thresholdPercent))% and the middle halves (p25–p75) of the two versions' calls do not overlap (the rule of \
        <code>vais-hot bench</code>'s gate); anything else is within noise. <span class="badge edited">edited</span> marks the versions \
        whose edit changed that function's body.</p>\(tables.joined())</section>
        """
    }

    /// p50 per version as a small inline chart, edited versions as filled dots.
    private static func sparkline(_ rows: [Row]) -> String {
        guard rows.count > 1, let top = rows.map(\.statistics.p50).max(), top > 0 else { return "" }
        let width = 160.0, height = 36.0, inset = 4.0
        let step = (width - 2 * inset) / Double(rows.count - 1)
        let points = rows.enumerated().map { index, row in
            (x: inset + Double(index) * step, y: height - inset - Double(row.statistics.p50) / Double(top) * (height - 2 * inset), row: row)
        }
        let line = points.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " ")
        let dots = points.map { point in
            let title = "v\(point.row.statistics.version): p50 \(Units.duration(point.row.statistics.p50))"
            return String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%@\" stroke=\"#4e79a7\"><title>%@</title></circle>",
                          point.x, point.y, point.row.edited ? "#4e79a7" : "#fff", title.htmlEscaped)
        }
        return "<svg class=\"sparkline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-label=\"p50 per version\"><polyline points=\"\(line)\" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"1.5\"/>"
            + dots.joined() + "</svg>"
    }
}

import Documents


/// `vais-hot report trace-data.json --compare OLD.json`: each hot
/// function's latency in two traces, the version each ended on against
/// each other, judged by the rule every comparison uses (`ChangeRule`).
public enum TraceComparison {
    public struct FunctionChange: Sendable, Equatable {
        public var function: String
        /// The statistics of the last version each trace recorded; nil when
        /// the function was not called in it.
        public var old: CallStatistics?
        public var new: CallStatistics?

        /// p50 against the old p50 in percent (positive is slower).
        public var changePercent: Double? {
            guard let old, let new, old.p50 > 0 else { return nil }
            return (Double(new.p50) - Double(old.p50)) / Double(old.p50) * 100
        }

        /// nil when a side is missing or has no quartiles (an older document).
        public var verdict: ChangeRule.Verdict? {
            guard let old, let new, let changePercent, let oldP25 = old.p25, let oldP75 = old.p75, let newP25 = new.p25,
                  let newP75 = new.p75 else { return nil }
            return ChangeRule.verdict(old: .init(p25: Double(oldP25), median: Double(old.p50), p75: Double(oldP75)),
                                      new: .init(p25: Double(newP25), median: Double(new.p50), p75: Double(newP75)),
                                      worsePercent: changePercent, thresholdPercent: VersionLatency.thresholdPercent)
        }
    }

    /// Every function either trace called, by name.
    public static func compare(_ old: TraceDocument, _ new: TraceDocument) -> [FunctionChange] {
        func last(_ document: TraceDocument) -> [String: CallStatistics] {
            Dictionary(document.functions.map { ($0.function, $0) }) { $0.version >= $1.version ? $0 : $1 }
        }
        let (before, after) = (last(old), last(new))
        return Set(before.keys).union(after.keys).sorted().map { FunctionChange(function: $0, old: before[$0], new: after[$0]) }
    }

    /// A warning when the traces are of different programs.
    public static func caveat(_ old: TraceDocument, _ new: TraceDocument) -> String? {
        old.program == new.program ? nil
            : "the traces are of different programs (\(old.program), \(new.program)): functions of one name compare, but their work may differ"
    }

    static let rule = "A function is slower (or faster) when its p50 moved by more than \(Int(VersionLatency.thresholdPercent))% and the "
        + "middle halves (p25–p75) of its calls in the two traces do not overlap; anything else is within noise."

    /// A plain-text table for the terminal, with the caveat and the rule.
    public static func table(_ changes: [FunctionChange], caveat: String? = nil) -> String {
        let rows = [["function", "old p50", "new p50", "change", "verdict"]] + changes.map { change in
            [change.function, p50Text(change.old), p50Text(change.new), change.changePercent.map(Units.percentChange) ?? "–",
             ChangeRule.word(change.verdict)]
        }
        let table = BenchFormats.textTable(rows, leftAligned: [0, 4])
        return (caveat.map { "warning: \($0)\n" } ?? "") + table + rule + "\n"
    }

    /// The comparison as a section of `trace.html`.
    static func htmlSection(_ changes: [FunctionChange], baseline: TraceDocument, caveat: String?) -> String {
        let rows = changes.map { change in
            let tone = change.verdict == .worse ? "worse" : change.verdict == .better ? "better" : ""
            return "<tr><td><code>\(change.function.htmlEscaped)</code></td><td class=\"num\">\(p50Text(change.old).htmlEscaped)</td>"
                + "<td class=\"num\">\(p50Text(change.new).htmlEscaped)</td>"
                + "<td class=\"num \(tone)\">\(change.changePercent.map(Units.percentChange) ?? "–")</td>"
                + "<td class=\"\(tone)\">\(ChangeRule.word(change.verdict))</td></tr>"
        }
        let warning = caveat.map { "<p class=\"note problem\">Warning: \($0.htmlEscaped).</p>" } ?? ""
        return """
        <section id="comparison"><h2>Compared with another trace</h2>
        <p class="note">Each function's last version here against its last version in <code>\(baseline.program.htmlEscaped)</code> \
        traced \(baseline.startedAt.htmlEscaped). \(rule.htmlEscaped)</p>\(warning)
        <table><thead><tr><th>function</th><th class="num">old p50</th><th class="num">new p50</th><th class="num">change</th>\
        <th>verdict</th></tr></thead><tbody>\(rows.joined())</tbody></table></section>
        """
    }

    private static func p50Text(_ statistics: CallStatistics?) -> String {
        statistics.map { "\(Units.duration($0.p50)) (v\($0.version))" } ?? "not called"
    }
}

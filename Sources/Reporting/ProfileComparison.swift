import Profiling

/// The median of one phase in two profiles, old and new.
public struct PhaseChange: Sendable, Equatable {
    /// A phase's name, or `total` / `overhead` for the per-reload sums.
    public var name: String
    /// Medians over the reloads in which the phase happened; nil when it never did.
    public var old: UInt64?
    public var new: UInt64?

    /// New against old in percent (positive is slower); nil when either is
    /// missing or the old median is 0.
    public var changePercent: Double? {
        guard let old, let new, old > 0 else { return nil }
        return (Double(new) - Double(old)) / Double(old) * 100
    }
}

/// `vais-hot report A.json --compare B.json`: where a change of the
/// toolchain or the program moved reload time, phase by phase.
public enum ProfileComparison {
    /// Changes smaller than this are shown but not coloured: run-to-run noise.
    static let noisePercent = 5.0

    /// Every phase either profile has, in pipeline order, then the total and the overhead.
    public static func compare(_ old: ProfileDocument, _ new: ProfileDocument) -> [PhaseChange] {
        func median(_ document: ProfileDocument, _ phase: Phase) -> UInt64? {
            Statistics.median(document.reloads.compactMap { $0.phases[phase] })
        }
        let phases = Phase.allCases.compactMap { phase -> PhaseChange? in
            let change = PhaseChange(name: phase.rawValue, old: median(old, phase), new: median(new, phase))
            return change.old == nil && change.new == nil ? nil : change
        }
        return phases + [
            PhaseChange(name: "total", old: Statistics.median(old.reloads.map(\.total)), new: Statistics.median(new.reloads.map(\.total))),
            PhaseChange(name: "overhead", old: Statistics.median(old.reloads.map(\.overhead)), new: Statistics.median(new.reloads.map(\.overhead))),
        ]
    }

    /// A plain-text table for the terminal.
    public static func table(_ changes: [PhaseChange]) -> String {
        let rows = [["phase", "old median", "new median", "change"]]
            + changes.map { [$0.name, $0.old.map(Units.duration) ?? "-", $0.new.map(Units.duration) ?? "-", changeText($0)] }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return column == 0 ? text + padding : padding + text  // names left, numbers right
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The comparison as a section of `report.html`.
    static func htmlSection(_ changes: [PhaseChange], baseline: ProfileDocument) -> String {
        let rows = changes.map { change in
            let tone = change.changePercent.map { $0 > noisePercent ? "worse" : $0 < -noisePercent ? "better" : "" } ?? ""
            return "<tr><td>\(change.name.htmlEscaped)</td><td class=\"num\">\(change.old.map(Units.duration) ?? "–")</td>"
                + "<td class=\"num\">\(change.new.map(Units.duration) ?? "–")</td><td class=\"num \(tone)\">\(changeText(change).htmlEscaped)</td></tr>"
        }
        return """
        <section id="comparison"><h2>Compared with a baseline</h2>
        <p class="note">Median per phase; old is <code>\(baseline.program.htmlEscaped)</code> started \(baseline.startedAt.htmlEscaped) \
        (\(baseline.reloads.count) reloads). Red is more than \(Int(noisePercent))% slower, green more than \(Int(noisePercent))% faster.</p>
        <table><thead><tr><th>phase</th><th class="num">old median</th><th class="num">new median</th><th class="num">change</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table></section>
        """
    }

    private static func changeText(_ change: PhaseChange) -> String {
        if let percent = change.changePercent { return Units.percentChange(percent) }
        switch (change.old, change.new) {
        case (nil, .some): return "new"
        case (.some, nil): return "gone"
        default: return "-"
        }
    }
}

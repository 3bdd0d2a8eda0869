import Documents


/// One phase in two profiles, old and new: the quartiles of its durations
/// over the reloads in which it happened, and the verdict of `ChangeRule`.
public struct PhaseChange: Sendable, Equatable {
    /// A phase's name, or `total` / `overhead` for the per-reload sums.
    public var name: String
    /// nil when the phase never happened in that profile.
    public var old: ChangeRule.Spread?
    public var new: ChangeRule.Spread?

    /// New median against old in percent (positive is slower); nil when
    /// either is missing or the old median is 0.
    public var changePercent: Double? {
        guard let old, let new, old.median > 0 else { return nil }
        return (new.median - old.median) / old.median * 100
    }

    /// Slower, faster or within noise by `ChangeRule` with
    /// `ProfileComparison.thresholdPercent`; nil when a side is missing.
    public var verdict: ChangeRule.Verdict? {
        guard let old, let new, let changePercent else { return nil }
        return ChangeRule.verdict(old: old, new: new, worsePercent: changePercent, thresholdPercent: ProfileComparison.thresholdPercent)
    }
}

/// `vais-hot report A.json --compare B.json`: where a change of the
/// toolchain or the program moved reload time, phase by phase, judged by
/// the rule every comparison of vais-hot uses (`ChangeRule`).
public enum ProfileComparison {
    /// A phase is called faster or slower only when its median moved by more
    /// than this and its p25–p75 range is clear of the other profile's: a
    /// profile of the same program twice moves single phases by tens of
    /// percent (a 0.1 ms copy, a clang start that met a busy core) with
    /// ranges that still overlap.
    public static let thresholdPercent = 5.0

    /// Every phase either profile has, in pipeline order, then the total and the overhead.
    public static func compare(_ old: ProfileDocument, _ new: ProfileDocument) -> [PhaseChange] {
        func spread(_ document: ProfileDocument, _ phase: Phase) -> ChangeRule.Spread? {
            ChangeRule.Spread(document.reloads.compactMap { $0.phases[phase] })
        }
        let phases = Phase.allCases.compactMap { phase -> PhaseChange? in
            let change = PhaseChange(name: phase.rawValue, old: spread(old, phase), new: spread(new, phase))
            return change.old == nil && change.new == nil ? nil : change
        }
        return phases + [
            PhaseChange(name: "total", old: ChangeRule.Spread(old.reloads.map(\.total)), new: ChangeRule.Spread(new.reloads.map(\.total))),
            PhaseChange(name: "overhead", old: ChangeRule.Spread(old.reloads.map(\.overhead)), new: ChangeRule.Spread(new.reloads.map(\.overhead))),
        ]
    }

    /// A warning when the two profiles cannot be read as before and after of
    /// one thing: different programs.
    public static func caveat(_ old: ProfileDocument, _ new: ProfileDocument) -> String? {
        guard old.program != new.program else { return nil }
        return "the profiles are of different programs (\(old.program), \(new.program)): each phase compares, but the work in it differs"
    }

    /// How the verdicts are reached, said under every comparison.
    static let rule = "A phase is slower (or faster) when its median moved by more than \(Int(thresholdPercent))% and its p25–p75 range "
        + "does not overlap the other profile's; anything else is within noise."

    /// A plain-text table for the terminal, with the caveat and the rule.
    public static func table(_ changes: [PhaseChange], caveat: String? = nil) -> String {
        let rows = [["phase", "old median", "new median", "change", "verdict"]]
            + changes.map { [$0.name, medianText($0.old), medianText($0.new), changeText($0), ChangeRule.word($0.verdict)] }
        let table = BenchFormats.textTable(rows, leftAligned: [0, 4])
        return (caveat.map { "warning: \($0)\n" } ?? "") + table + rule + "\n"
    }

    /// The comparison as a section of `report.html`.
    static func htmlSection(_ changes: [PhaseChange], baseline: ProfileDocument, caveat: String?) -> String {
        let rows = changes.map { change in
            let tone = switch change.verdict {
            case .worse: "worse"
            case .better: "better"
            default: ""
            }
            return "<tr><td>\(change.name.htmlEscaped)</td><td class=\"num\">\(medianText(change.old).htmlEscaped)</td>"
                + "<td class=\"num\">\(medianText(change.new).htmlEscaped)</td><td class=\"num \(tone)\">\(changeText(change).htmlEscaped)</td>"
                + "<td class=\"\(tone)\">\(ChangeRule.word(change.verdict).htmlEscaped)</td></tr>"
        }
        let warning = caveat.map { "<p class=\"note problem\">Warning: \($0.htmlEscaped).</p>" } ?? ""
        return """
        <section id="comparison"><h2>Compared with a baseline</h2>
        <p class="note">Median per phase; old is <code>\(baseline.program.htmlEscaped)</code> started \(baseline.startedAt.htmlEscaped) \
        (\(baseline.reloads.count) reloads). \(rule.htmlEscaped)</p>\(warning)
        <table><thead><tr><th>phase</th><th class="num">old median</th><th class="num">new median</th><th class="num">change</th>\
        <th>verdict</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table></section>
        """
    }

    private static func medianText(_ spread: ChangeRule.Spread?) -> String {
        spread.map { Units.duration(UInt64($0.median)) } ?? "–"
    }

    private static func changeText(_ change: PhaseChange) -> String {
        if let percent = change.changePercent { return Units.percentChange(percent) }
        switch (change.old, change.new) {
        case (nil, .some): return "new"
        case (.some, nil): return "gone"
        default: return "–"
        }
    }
}

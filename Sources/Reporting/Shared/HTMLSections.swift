import Documents


/// The sections of `report.html`, one function each, in page order. Each
/// section has an id so that tests and links can find it.
enum HTMLSections {
    static func targets(_ results: [TargetResult]) -> String {
        let rows = results.map { result in
            let target = result.target
            let limit = { (value: UInt64) in Units.round(Units.format(value, target.unit)) }
            let documented = target.documented.map { "\(limit($0.low)) – \(limit($0.high))" } ?? "–"
            return "<tr><td>\(target.title.htmlEscaped)</td><td class=\"num\">\(documented)</td>"
                + "<td class=\"num\">\(goalText(target, goal: result.goal, limit: limit))</td>"
                + "<td class=\"num\"><strong>\(result.median.map { Units.format($0, target.unit) } ?? "–")</strong></td>"
                + "<td class=\"num\">\(result.p95.map { Units.format($0, target.unit) } ?? "–")</td><td class=\"num\">\(result.sampleCount)</td>"
                + "<td>\(badge(result.documentedPass))</td><td>\(badge(result.goalPass))</td></tr>"
        }
        return """
        <section id="targets"><h2>Targets</h2>
        <p class="note">The documented range is the original hot-reload design's (the floor to beat); the goal is vais-hot's own. \
        A target passes when the measured median is at or below the documented range's upper end, or the goal. A goal given as a multiple \
        of clang's start-up is worked out from the toolchain's clang compiling an empty C file, timed in the same session, so it asks the \
        same of a faster or a slower machine. p95 is nearest-rank.</p>
        <table><thead><tr><th>Target</th><th class="num">Documented</th><th class="num">Goal</th><th class="num">Median</th><th class="num">p95</th>\
        <th class="num">Samples</th><th>vs documented</th><th>vs goal</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table></section>
        """
    }

    /// A fixed goal, a relative one with what `goal` comes to on this
    /// machine, or both.
    static func goalText(_ target: Target, goal: UInt64?, limit: (UInt64) -> String) -> String {
        guard let factor = target.goalTimesClangStartUp else { return target.goal.map { "≤ " + limit($0) } ?? "–" }
        let fixed = target.goal.map { "≤ " + limit($0) + " and " } ?? ""
        return fixed + "≤ \(factor)× clang start-up" + (goal.map { " (\(limit($0)) here)" } ?? " (start-up not measured)")
    }

    static func phases(_ document: ProfileDocument) -> String {
        section("phases", "Where each reload's time went", note: "One bar per reload, stacked in pipeline order from change detection to the swap; "
            + "the height is the reload's total. Hover a segment for its exact time.", document.reloads.isEmpty ? nil : SVGCharts.phaseBars(document.reloads))
            + section("overhead-phases", "The reload beyond the compile", note: "The same reloads with only what follows the compile: copy, "
                + "ELF check, dlopen, dlsym and swap, on their own scale (in the bars above they are a sliver under clang).",
                document.reloads.isEmpty ? nil : SVGCharts.phaseBars(document.reloads, phases: SVGCharts.overheadPhases,
                                                                     label: "Per-phase time of each reload after the compile"))
    }

    static func totals(_ document: ProfileDocument) -> String {
        section("totals", "Distribution of total reload time", note: "How many reloads took how long, from the change being seen to the swap.",
                document.reloads.isEmpty ? nil : SVGCharts.histogram(document.reloads.map(\.total)))
    }

    static func memory(_ document: ProfileDocument) -> String {
        let versions = Dictionary(grouping: document.memory.filter { $0.version != nil }) { $0.version ?? 0 }
        let colors = Palette.distinct(versions.count)
        var series = versions.keys.sorted().enumerated().map { index, number in
            var points = (versions[number] ?? []).sorted { $0.at < $1.at }.map { (at: $0.at, value: $0.mapped) }
            // An unloaded version's line falls to zero where it left memory.
            if let unloaded = document.versions.first(where: { $0.number == number })?.unloadedAt { points.append((at: unloaded, value: 0)) }
            return SVGCharts.Series(name: "v\(number)", color: colors[index], points: points)
        }
        series.append(SVGCharts.Series(name: "all versions", color: "#24292f", dashed: true, points: document.mappedTotals.map { (at: $0.at, value: $0.bytes) }))
        let rss = document.memory.filter { $0.version == nil }.sorted { $0.at < $1.at }.map { (at: $0.at, value: $0.rss) }
        let mappedChart = SVGCharts.lines(series, label: "Mapped bytes per version over the session", valueTitle: "mapped")
        let rssChart = SVGCharts.lines([SVGCharts.Series(name: "process RSS", color: Palette.color(0), points: rss)],
                                       label: "Process RSS over the session", valueTitle: "RSS", fromZero: false)
        return section("memory", "Memory per version", note: "Bytes each loaded version maps (from /proc/self/smaps), and all of them together. "
            + "A line ends at zero when its version is unloaded.", document.memory.isEmpty ? nil : mappedChart)
            + section("rss", "Process memory", note: "Resident set size of the whole process; the axis starts near its lowest value so that growth shows.", rss.isEmpty ? nil : rssChart)
    }

    static func slowestReload(_ document: ProfileDocument) -> String {
        guard let slowest = document.reloads.max(by: { $0.total < $1.total }) else {
            return section("slowest-reload", "Slowest reload", note: "", nil)
        }
        let scale = Double(max(slowest.total, slowest.phases.values.max() ?? 0, 1))
        let phaseRows = Phase.allCases.compactMap { phase -> String? in
            guard let duration = slowest.phases[phase] else { return nil }
            let share = Double(duration) / Double(max(slowest.total, 1)) * 100
            let note = phase == .firstCall ? " <span class=\"note\">(after the swap)</span>" : ""
            return "<tr><td><span class=\"swatch\" style=\"background:\(SVGCharts.color(of: phase))\"></span> \(phase.rawValue)\(note)</td>"
                + "<td class=\"num\">\(Units.duration(duration))</td><td class=\"num\">\(String(format: "%.1f%%", share))</td>"
                + "<td style=\"width:40%\"><div class=\"bar\" style=\"width:\(svgNumber(Double(duration) / scale * 100))%;background:\(SVGCharts.color(of: phase))\"></div></td></tr>"
        }
        let lookupRows = slowest.lookups.sorted { $0.nanoseconds > $1.nanoseconds }.map {
            "<tr><td><code>\($0.name.htmlEscaped)</code></td><td class=\"num\">\(Units.duration($0.nanoseconds))</td></tr>"
        }
        let changed = slowest.changed.isEmpty ? "no hot function changed" : slowest.changed.map { "<code>\($0.htmlEscaped)</code>" }.joined(separator: ", ")
        return """
        <section id="slowest-reload"><h2>Slowest reload: v\(slowest.version), \(Units.duration(slowest.total))</h2>
        <p class="note">Changed: \(changed).\(rebuiltSummary(slowest).map { " Hot part: " + $0.htmlEscaped + "." } ?? "") Detected at \(Units.duration(slowest.detectedAt)) into the session; \
        RSS \(Units.bytes(slowest.rssBefore)) before the load, \(Units.bytes(slowest.rssAfter)) after the swap.</p>
        <div class="split"><div><h3>Phases</h3><table><thead><tr><th>phase</th><th class="num">time</th><th class="num">of total</th><th></th></tr></thead>
        <tbody>\(phaseRows.joined())</tbody></table></div>
        <div><h3>dlsym per symbol</h3><table><thead><tr><th>symbol</th><th class="num">lookup</th></tr></thead>
        <tbody>\(lookupRows.isEmpty ? "<tr><td colspan=\"2\" class=\"note\">no lookups recorded</td></tr>" : lookupRows.joined())</tbody></table></div></div>
        </section>
        """
    }

    static func versions(_ document: ProfileDocument) -> String {
        let peaks = document.peakMappedPerVersion
        let rebuilt = Dictionary(document.reloads.map { ($0.version, rebuiltSummary($0)) }, uniquingKeysWith: { first, _ in first })
        let rows = document.versions.map { version in
            // One section a line, so a version with many sections makes its row taller, never the page wider.
            let sections = version.sections.map { "<code>\("\($0.name) \(Units.bytes($0.bytes))".htmlEscaped)</code>" }.joined(separator: "<br>")
            let held = version.number == 1 ? "every hot function (first build)" : (rebuilt[version.number] ?? nil) ?? "–"
            return "<tr><td>v\(version.number)</td><td>\(held.htmlEscaped)</td><td>\(version.state.rawValue)</td><td>\(explanation(version.state))</td>"
                + "<td class=\"num\">\(Units.duration(version.loadedAt))</td><td class=\"num\">\(version.unloadedAt.map(Units.duration) ?? "–")</td>"
                + "<td class=\"num\">\(Units.bytes(version.fileBytes))</td><td class=\"num\">\(peaks[version.number].map(Units.bytes) ?? "–")</td>"
                + "<td class=\"sections\">\(sections)</td></tr>"
        }
        return """
        <section id="versions"><h2>Versions</h2>
        <p class="note">Every version the session loaded, where it ended up, and why it is (or is not) still mapped.</p>
        <table><thead><tr><th>version</th><th>holds</th><th>state</th><th>why</th><th class="num">loaded at</th><th class="num">unloaded at</th>\
        <th class="num">file</th><th class="num">peak mapped</th><th>mapped sections</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table></section>
        """
    }

    static func failures(_ document: ProfileDocument) -> String {
        guard !document.failures.isEmpty else { return "" }
        let rows = document.failures.map {
            "<tr><td class=\"num\">\(Units.duration($0.at))</td><td>\($0.kind.rawValue)</td><td><pre>\($0.message.htmlEscaped)</pre></td></tr>"
        }
        return """
        <section id="failures"><h2>Edits that did not become a version</h2>
        <p class="note">The program kept running its current version each time.</p>
        <table><thead><tr><th class="num">at</th><th>kind</th><th>message</th></tr></thead><tbody>\(rows.joined())</tbody></table></section>
        """
    }

    static func calls(_ document: ProfileDocument) -> String {
        guard let calls = document.calls, !calls.isEmpty else { return "" }
        let edited = Dictionary(document.reloads.map { ($0.version, $0.changed) }, uniquingKeysWith: { first, _ in first })
        let resolution = document.callResolutionNanoseconds
        return VersionLatency.section(calls, edited: edited, resolution: resolution)
            + "<section id=\"calls\"><h2>Hot function calls</h2>\(callTable(calls, resolution: resolution))</section>"
    }

    /// A row per hot function and version; `trace.html` shows the same table.
    /// The per-function, per-version table; times at or below `resolution`
    /// (the tracer's calibration) read `< N ns`.
    static func callTable(_ calls: [CallStatistics], resolution: Double? = nil) -> String {
        let rows = calls.map { call in
            "<tr><td><code>\(call.function.htmlEscaped)</code></td><td>v\(call.version)</td><td class=\"num\">\(call.calls)</td>"
                + [call.totalNanoseconds, call.selfNanoseconds, call.minimum, call.p50, call.p90, call.p99, call.maximum]
                .map { "<td class=\"num\">\(Units.tracedDuration($0, resolution: resolution).htmlEscaped)</td>" }.joined() + "</tr>"
        }
        let headings = ["total", "self", "min", "p50", "p90", "p99", "max"].map { "<th class=\"num\">\($0)</th>" }.joined()
        return "<table><thead><tr><th>function</th><th>version</th><th class=\"num\">calls</th>\(headings)</tr></thead><tbody>\(rows.joined())</tbody></table>"
    }

    private static func section(_ id: String, _ title: String, note: String, _ chart: String?) -> String {
        let content = chart.map { "<figure>\($0)</figure>" } ?? "<p class=\"note\">Nothing was recorded for this session.</p>"
        return "<section id=\"\(id)\"><h2>\(title)</h2>" + (note.isEmpty ? "" : "<p class=\"note\">\(note)</p>") + content + "</section>"
    }

    static func badge(_ pass: Bool?) -> String {
        switch pass {
        case true?: "<span class=\"badge pass\">pass</span>"
        case false?: "<span class=\"badge fail\">fail</span>"
        case nil: "<span class=\"badge none\">n/a</span>"
        }
    }

    /// "rebuilt update_physics (1 of 6)", or nil when not recorded.
    private static func rebuiltSummary(_ reload: ReloadMeasurement) -> String? {
        guard let rebuilt = reload.rebuilt, let count = reload.hotFunctionCount else { return nil }
        return (rebuilt.isEmpty ? "rebuilt nothing" : "rebuilt " + rebuilt.joined(separator: ", ")) + " (\(rebuilt.count) of \(count))"
    }

    private static func explanation(_ state: VersionInfo.State) -> String {
        switch state {
        case .current: "serving calls"
        case .retained: "kept loaded for rollback"
        case .callsRunning: "a call was still running in it, so it could not be unloaded yet"
        case .slotsUseIt: "a slot still runs its code: later partial reloads rebuilt other functions"
        case .unloadFailed: "unloaded, but the dynamic linker kept it mapped"
        case .unloaded: "no longer mapped"
        case .crashed: "rolled back after a crash; kept until it can be unloaded"
        }
    }
}

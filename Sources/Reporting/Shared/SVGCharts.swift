import Documents


/// The report's charts as inline SVG, each followed by its legend. Every
/// mark has a `<title>` so hovering it shows the exact value.
enum SVGCharts {
    /// The phases up to the swap, in pipeline order: a bar's height is the
    /// reload's total. `firstCall` happens after the swap, so it is left out.
    static let stackedPhases = Phase.allCases.filter { $0 != .firstCall }

    static func color(of phase: Phase) -> String { Palette.color(Phase.allCases.firstIndex(of: phase) ?? 0) }

    /// The phases after the compile: what a reload costs beyond clang, which
    /// in the whole bars is a sliver under the compile's 95%.
    static let overheadPhases: [Phase] = [.copy, .elfCheck, .dlopen, .dlsym, .swap]

    /// One bar per reload, stacked by phase (`phases`, in pipeline order).
    static func phaseBars(_ reloads: [ReloadMeasurement], phases: [Phase] = stackedPhases,
                          label: String = "Per-phase time of each reload") -> String {
        let canvas = ChartCanvas()
        let present = phases.filter { phase in reloads.contains { $0.phases[phase] != nil } }
        let heights = reloads.map { reload in present.reduce(0) { $0 + reload.duration($1) } }
        let axis = Axis(to: Double(heights.max() ?? 0))
        var svg = canvas.open(label) + canvas.valueAxis(axis, title: "time", format: durationLabel)
        let slot = canvas.plotWidth / Double(max(reloads.count, 1))
        let barWidth = max(1, slot * 0.7)
        // Keep version labels from running into each other on long sessions.
        let labelEvery = max(1, (reloads.count + 23) / 24)
        var labels: [(x: Double, text: String)] = []
        for (index, reload) in reloads.enumerated() {
            let x = canvas.left + slot * Double(index) + (slot - barWidth) / 2
            var below = 0.0
            for phase in present {
                guard let duration = reload.phases[phase], duration > 0 else { continue }
                let top = canvas.y(below + Double(duration), axis)
                let height = canvas.y(below, axis) - top
                svg += "<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(top))\" width=\"\(svgNumber(barWidth))\" height=\"\(svgNumber(height))\" fill=\"\(color(of: phase))\">"
                    + "<title>v\(reload.version) \(phase.rawValue): \(Units.duration(duration))</title></rect>"
                below += Double(duration)
            }
            if index % labelEvery == 0 { labels.append((x: x + barWidth / 2, text: "v\(reload.version)")) }
        }
        svg += canvas.categoryAxis(labels: labels, title: "reload (version swapped in)") + "</svg>"
        return svg + legend(present.map { (name: $0.rawValue, color: color(of: $0), dashed: false) })
    }

    /// How total reload times are distributed, with the median and p95 marked.
    static func histogram(_ totals: [UInt64]) -> String {
        let canvas = ChartCanvas()
        let low = Double(totals.min() ?? 0), high = Double(totals.max() ?? 0)
        // About two bins per square root of the count: a few reloads get a
        // few wide bins, a long session at most 12.
        let bins = min(12, max(5, 2 * Int(Double(totals.count).squareRoot().rounded(.up))))
        // All totals equal: widen the range so the one bin sits in the middle.
        let xAxis = high > low ? Axis(from: low, to: high, count: bins) : Axis(from: low * 0.9, to: low * 1.1 + 1, count: bins)
        let width = xAxis.ticks.count > 1 ? xAxis.ticks[1] - xAxis.ticks[0] : 1
        var counts = Array(repeating: 0, count: max(xAxis.ticks.count - 1, 1))
        for total in totals {
            counts[min(Int((Double(total) - xAxis.minimum) / width), counts.count - 1)] += 1
        }
        let yAxis = Axis(to: Double(max(counts.max() ?? 0, 1)), count: min(max(counts.max() ?? 0, 1), 5))
        var svg = canvas.open("Distribution of total reload time") + canvas.valueAxis(yAxis, title: "reloads", format: { String(Int($0)) })
        for (bin, count) in counts.enumerated() where count > 0 {
            let start = xAxis.minimum + width * Double(bin)
            let x0 = canvas.x(start, xAxis), x1 = canvas.x(start + width, xAxis)
            let top = canvas.y(Double(count), yAxis)
            svg += "<rect x=\"\(svgNumber(x0 + 1))\" y=\"\(svgNumber(top))\" width=\"\(svgNumber(max(x1 - x0 - 2, 1)))\" height=\"\(svgNumber(canvas.plotBottom - top))\" fill=\"\(Palette.color(0))\">"
                + "<title>\(Units.duration(UInt64(start)))–\(Units.duration(UInt64(start + width))): \(count) reload\(count == 1 ? "" : "s")</title></rect>"
        }
        var markers: [(name: String, color: String, dashed: Bool)] = []
        for (name, value, colour) in [("median", Statistics.median(totals), "#222"), ("p95", Statistics.p95(totals), "#e15759")] {
            guard let value else { continue }
            let x = svgNumber(canvas.x(Double(value), xAxis))
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(svgNumber(canvas.top))\" y2=\"\(svgNumber(canvas.plotBottom))\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\">"
                + "<title>\(name): \(Units.duration(value))</title></line>"
            markers.append((name: "\(name) \(Units.duration(value))", color: colour, dashed: true))
        }
        svg += canvas.numericAxis(xAxis, title: "total reload time (detection to swap)", format: durationLabel) + "</svg>"
        return svg + legend([(name: "reloads per bin", color: Palette.color(0), dashed: false)] + markers)
    }

    /// A series for `lines`: values that hold from each point until the next.
    struct Series {
        var name: String
        var color: String
        var dashed = false
        var points: [(at: UInt64, value: UInt64)]
    }

    /// Step lines over session time, for memory: a value stays what it was
    /// sampled at until the next sample. `fromZero` false starts the value
    /// axis near the smallest value, where growth matters more than size
    /// (process RSS creeping up reload after reload). Values are bytes
    /// unless `format` labels them otherwise. Each of `events` is a dashed
    /// vertical line at its time (a swap, say), with its name on hover and
    /// `eventsLegend` in the legend.
    static func lines(_ series: [Series], label: String, valueTitle: String, fromZero: Bool = true,
                      format: (Double) -> String = bytesLabel, events: [(at: UInt64, name: String)] = [], eventsLegend: String = "") -> String {
        let canvas = ChartCanvas()
        let all = series.flatMap(\.points)
        let xAxis = Axis(to: Double((all.map(\.at) + events.map(\.at)).max() ?? 0), count: 8)
        let values = all.map { Double($0.value) }
        let yAxis = Axis(from: fromZero ? 0 : values.min() ?? 0, to: values.max() ?? 0)
        var svg = canvas.open(label) + canvas.valueAxis(yAxis, title: valueTitle, format: format)
        for line in series where !line.points.isEmpty {
            let points = line.points.map { (x: svgNumber(canvas.x(Double($0.at), xAxis)), y: svgNumber(canvas.y(Double($0.value), yAxis))) }
            let path = "M\(points[0].x) \(points[0].y)" + points.dropFirst().map { " H\($0.x) V\($0.y)" }.joined()
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"\(line.dashed ? " stroke-dasharray=\"6 4\"" : "")>"
                + "<title>\(line.name.htmlEscaped)</title></path>"
        }
        for event in events {
            let x = svgNumber(canvas.x(Double(event.at), xAxis))
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(svgNumber(canvas.top))\" y2=\"\(svgNumber(canvas.plotBottom))\" stroke=\"\(eventColor)\" "
                + "stroke-width=\"1.5\" stroke-dasharray=\"4 4\"><title>\(event.name.htmlEscaped) at \(Units.duration(event.at))</title></line>"
        }
        svg += canvas.numericAxis(xAxis, title: "session time", format: durationLabel) + "</svg>"
        let eventEntry = events.isEmpty ? [] : [(name: eventsLegend, color: eventColor, dashed: true)]
        return svg + legend(series.map { (name: $0.name, color: $0.color, dashed: $0.dashed) } + eventEntry)
    }

    private static let eventColor = "#57606a"

    // Ticks are round numbers: "50 ms", not "50.0 ms"; zero is "0", not "0 ns" beside "100 ms".
    private static func durationLabel(_ value: Double) -> String { value <= 0 ? "0" : Units.round(Units.duration(UInt64(value))) }
    private static func bytesLabel(_ value: Double) -> String { value <= 0 ? "0" : Units.round(Units.bytes(UInt64(value))) }
}

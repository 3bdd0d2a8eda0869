import Foundation

/// The frame every chart draws in: a fixed SVG coordinate space (scaled to
/// the page width by CSS) with room on the left and bottom for the axes.
/// Full-width charts keep the default size; small multiples (the bench
/// trend charts, two to a row) pass a smaller one so their text stays legible.
struct ChartCanvas {
    var width = 960.0
    var height = 300.0
    let left = 80.0
    let right = 40.0  // room for the last tick label, centred on the plot's edge
    let top = 16.0
    let bottom = 52.0

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
    var plotBottom: Double { height - bottom }

    /// The vertical position of `value` on an axis from `axis.minimum` to `axis.maximum`.
    func y(_ value: Double, _ axis: Axis) -> Double { top + plotHeight * (1 - (value - axis.minimum) / (axis.maximum - axis.minimum)) }

    /// The horizontal position of `value` on an axis from `axis.minimum` to `axis.maximum`.
    func x(_ value: Double, _ axis: Axis) -> Double { left + plotWidth * (value - axis.minimum) / (axis.maximum - axis.minimum) }

    func open(_ label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label.htmlEscaped)\">"
    }

    /// Gridlines and labels for the value axis, and its title.
    func valueAxis(_ axis: Axis, title: String, format: (Double) -> String) -> String {
        var svg = ""
        for tick in axis.ticks {
            let y = svgNumber(self.y(tick, axis))
            svg += "<line class=\"grid\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text class=\"tick\" x=\"\(svgNumber(left - 8))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(format(tick).htmlEscaped)</text>"
        }
        let middle = svgNumber(top + plotHeight / 2)
        svg += "<text class=\"axis-title\" transform=\"translate(16 \(middle)) rotate(-90)\" text-anchor=\"middle\">\(title.htmlEscaped)</text>"
        return svg
    }

    /// The baseline, a label under it at each given position, and the axis title.
    func categoryAxis(labels: [(x: Double, text: String)], title: String) -> String {
        let base = svgNumber(plotBottom)
        var svg = "<line class=\"axis\" x1=\"\(svgNumber(left))\" x2=\"\(svgNumber(width - right))\" y1=\"\(base)\" y2=\"\(base)\"/>"
        for label in labels {
            svg += "<text class=\"tick\" x=\"\(svgNumber(label.x))\" y=\"\(svgNumber(plotBottom + 16))\" text-anchor=\"middle\">\(label.text.htmlEscaped)</text>"
        }
        svg += "<text class=\"axis-title\" x=\"\(svgNumber(left + plotWidth / 2))\" y=\"\(svgNumber(height - 8))\" text-anchor=\"middle\">\(title.htmlEscaped)</text>"
        return svg
    }

    /// A numeric horizontal axis: labels at its ticks.
    func numericAxis(_ axis: Axis, title: String, format: (Double) -> String) -> String {
        categoryAxis(labels: axis.ticks.map { (x: x($0, axis), text: format($0)) }, title: title)
    }
}

/// A linear axis with round tick values (1, 2 or 5 times a power of ten).
struct Axis {
    let minimum: Double
    let maximum: Double
    let ticks: [Double]

    /// An axis from `from` (rounded down to a tick) to at least `to`, with about `count` intervals.
    init(from: Double = 0, to: Double, count: Int = 5) {
        let span = to - from
        let step = Axis.niceStep(span > 0 ? span / Double(count) : max(abs(to), 1) / Double(count))
        let first = (from / step).rounded(.down) * step
        var last = (to / step).rounded(.up) * step
        if last <= first { last = first + step }
        minimum = first
        maximum = last
        ticks = stride(from: first, through: last + step / 2, by: step).map { $0 }
    }

    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        return factor * magnitude
    }
}

/// Colours that stay apart from each other on a white page.
enum Palette {
    static let colors = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                         "#b07aa1", "#ff9da7", "#9c755f", "#6b6ecf", "#17becf", "#8c564b"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }

    /// `count` colours that are all different: the palette while it lasts,
    /// then hues spread evenly round the wheel (21 versions must not share
    /// 12 colours).
    static func distinct(_ count: Int) -> [String] {
        guard count > colors.count else { return Array(colors.prefix(count)) }
        return (0..<count).map { index in
            // Neighbours are close in hue, so they alternate dark and light.
            let hue = Double(index) / Double(count) * 360
            return "hsl(\(Int(hue)) 65% \(index % 2 == 0 ? 40 : 60)%)"
        }
    }
}

/// A legend under a chart: a colour swatch and a name per series.
func legend(_ entries: [(name: String, color: String, dashed: Bool)]) -> String {
    let items = entries.map { entry in
        let style = entry.dashed ? "border-top:2px dashed \(entry.color)" : "background:\(entry.color)"
        return "<li><span class=\"swatch\(entry.dashed ? " line" : "")\" style=\"\(style)\"></span>\(entry.name.htmlEscaped)</li>"
    }
    return "<ul class=\"legend\">" + items.joined() + "</ul>"
}

/// A coordinate with one decimal: enough for a 960-unit canvas, and short.
func svgNumber(_ value: Double) -> String { String(format: "%.1f", value) }

import Foundation

/// Human-readable durations and sizes. Sizes use decimal units (1 MB =
/// 1,000,000 bytes) because the documented targets are written that way.
public enum Units {
    /// `nanoseconds` as ns, µs, ms or s with three significant digits.
    public static func duration(_ nanoseconds: UInt64) -> String {
        scaled(Double(nanoseconds), steps: [(1e9, "s"), (1e6, "ms"), (1e3, "µs")], base: "ns")
    }

    /// A traced time: as `duration`, or `< 12 ns` when it is at or below the
    /// tracer's resolution, where the overhead taken out of it is as large
    /// as what is left and the number would be noise.
    static func tracedDuration(_ nanoseconds: UInt64, resolution: Double?) -> String {
        guard let resolution, resolution > 0, Double(nanoseconds) <= resolution else { return duration(nanoseconds) }
        return "< " + duration(UInt64(resolution.rounded(.up)))
    }

    /// `bytes` as B, KB, MB or GB with three significant digits.
    public static func bytes(_ bytes: UInt64) -> String {
        scaled(Double(bytes), steps: [(1e9, "GB"), (1e6, "MB"), (1e3, "KB")], base: "B")
    }

    /// A count with thousands separators, `12,345`, so long counts read at a glance.
    static func count(_ value: UInt64) -> String {
        var digits = Array(String(value))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        return String(digits) + grouped
    }

    /// A value in the unit a target is measured in.
    static func format(_ value: UInt64, _ unit: Target.Unit) -> String {
        switch unit {
        case .nanoseconds: duration(value)
        case .bytes: bytes(value)
        }
    }

    /// A formatted round number without the trailing zeros that three
    /// significant digits add: "50 ms" for axis ticks and target limits.
    static func round(_ text: String) -> String {
        guard let space = text.firstIndex(of: " "), text[..<space].contains(".") else { return text }
        var number = text[..<space]
        while number.last == "0" { number.removeLast() }
        if number.last == "." { number.removeLast() }
        return String(number + text[space...])
    }

    /// A signed percentage such as `+12.5%` or `-3.0%`.
    static func percentChange(_ percent: Double) -> String {
        String(format: "%+.1f%%", percent)
    }

    /// `value` in the largest of `steps` it reaches, three significant
    /// digits; below them, in `base`, whole or (`keepsFractions`, for the
    /// fractions of a nanosecond of a call) with its fraction.
    static func scaled(_ value: Double, steps: [(Double, String)], base: String, keepsFractions: Bool = false) -> String {
        // 0.9995 so that 999.7 µs reads 1.00 ms rather than 1000 µs.
        for (factor, symbol) in steps where value >= factor * 0.9995 {
            return significant(value / factor) + " " + symbol
        }
        if keepsFractions, value != 0 { return significant(value) + " " + base }
        return String(format: "%.0f", value) + " " + base
    }

    static func significant(_ value: Double) -> String {
        switch value {
        case ..<10: String(format: "%.2f", value)
        case ..<100: String(format: "%.1f", value)
        default: String(format: "%.0f", value)
        }
    }
}

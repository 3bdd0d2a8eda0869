/// The summary numbers every report shows. Medians describe a typical
/// reload; p95 uses the nearest-rank method so that it is always a value
/// that was actually measured, never an interpolation between two.
public enum Statistics {
    /// The middle value; for an even count, the mean of the two middle ones.
    public static func median(_ values: [UInt64]) -> UInt64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        // Halve before adding so two huge values cannot overflow.
        let (low, high) = (sorted[middle - 1], sorted[middle])
        return low / 2 + high / 2 + (low % 2 + high % 2) / 2
    }

    /// Nearest-rank percentile: the smallest value with at least `p` percent
    /// of the values at or below it. `p` in 0...100.
    public static func percentile(_ values: [UInt64], _ p: Double) -> UInt64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    public static func p95(_ values: [UInt64]) -> UInt64? { percentile(values, 95) }
}

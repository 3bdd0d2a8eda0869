import CTraceRuntime
import Foundation

/// Reads the log-linear histogram of a trace site: bucket `b` below 8 is
/// the value `b`; above, 8 buckets split each power of two.
struct Histogram {
    private let counts: [UInt32]

    init(_ site: vais_trace_site) {
        counts = withUnsafeBytes(of: site.histogram) { Array($0.bindMemory(to: UInt32.self)) }
    }

    var count: UInt64 { counts.reduce(0) { $0 + UInt64($1) } }

    /// The value (in ticks) at percentile `p`, nearest rank, taken at the
    /// middle of its bucket.
    func percentile(_ p: Double) -> Double {
        let total = count
        guard total > 0 else { return 0 }
        let rank = max(1, UInt64((p / 100 * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (bucket, value) in counts.enumerated() {
            seen += UInt64(value)
            if seen >= rank { return Self.middle(of: bucket) }
        }
        return Self.middle(of: counts.count - 1)
    }

    /// How wide (in ticks) the bucket holding `ticks` is.
    static func bucketWidth(at ticks: Double) -> Double {
        let sub = Double(VAIS_TRACE_SUB_BUCKETS)
        guard ticks >= sub else { return 1 }
        return Double(1 << (Int(log2(ticks)) - 3))
    }

    static func middle(of bucket: Int) -> Double {
        let sub = Int(VAIS_TRACE_SUB_BUCKETS)
        guard bucket >= sub else { return Double(bucket) }
        let power = bucket / sub + 2
        let low = Double((sub + bucket % sub) << (power - 3))
        let width = Double(1 << (power - 3))
        return low + width / 2
    }
}

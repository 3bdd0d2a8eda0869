import Documents


/// Calls per second of each version, counted from the recorded events, for
/// the trace's counter and the page's timeline. Only events mode records
/// when calls happened; without events there are no bins.
///
/// The bins fit the run: about `targetBins` of them over the span from the
/// first recorded call to the last, each a round width (1, 2 or 5 times a
/// power of ten, at least a millisecond), starting at the first call. So a
/// 0.9 s run gets some sixty bins, not one flat box; a swap falls at most
/// one small bin from where it happened; and the last bin, which ends at
/// the last call, is divided by the time it covers, so a partial bin does
/// not look like a drop.
struct CallRates {
    static let targetBins: UInt64 = 60
    static let minimumBinNanoseconds: UInt64 = 1_000_000

    struct Bin {
        var start: UInt64
        var nanoseconds: UInt64
        /// Calls per second each version made in the bin (zero where it made none).
        var rates: [Int: Double]

        var middle: UInt64 { start + nanoseconds / 2 }
    }

    /// Every version that made a recorded call, ascending.
    let versions: [Int]
    /// The width of a whole bin.
    let binNanoseconds: UInt64
    /// From the first call's bin to the last; then one bin of zeros, so that
    /// a rate drops back to nothing where the calls end.
    let bins: [Bin]

    init(_ document: TraceDocument) {
        versions = Set(document.calls.map(\.version)).sorted()
        guard let first = document.calls.map(\.start).min(), let last = document.calls.map(\.start).max() else {
            binNanoseconds = Self.minimumBinNanoseconds
            bins = []
            return
        }
        let width = Self.roundWidth(atLeast: (last - first) / Self.targetBins)
        binNanoseconds = width
        // Sampling records one call in `sampleEvery`; scale back to an estimate of all of them.
        let weight = Double(max(document.sampleEvery, 1))
        let count = Int((last - first) / width) + 1
        let zeros = Dictionary(uniqueKeysWithValues: versions.map { ($0, 0.0) })
        var counts = Array(repeating: zeros, count: count)
        for call in document.calls {
            counts[Int((call.start - first) / width)][call.version, default: 0] += weight
        }
        var bins = counts.enumerated().map { index, calls in
            let start = first + UInt64(index) * width
            // The last bin ends at the last call; at least a tenth of a bin, so one call alone is not a spike.
            let covered = index == count - 1 ? max(last - start, width / 10, 1) : width
            return Bin(start: start, nanoseconds: covered, rates: calls.mapValues { $0 * 1e9 / Double(covered) })
        }
        if let end = bins.last.map({ $0.start + $0.nanoseconds }) {
            bins.append(Bin(start: end, nanoseconds: width, rates: zeros))
        }
        self.bins = bins
    }

    /// The smallest of 1, 2 and 5 times a power of ten nanoseconds that is at
    /// least `nanoseconds`, and at least a millisecond.
    static func roundWidth(atLeast nanoseconds: UInt64) -> UInt64 {
        var scale = minimumBinNanoseconds
        while true {
            for step: UInt64 in [1, 2, 5] where step * scale >= nanoseconds { return step * scale }
            scale *= 10
        }
    }

    /// The bin width in words: "20 ms", "1 s".
    var widthText: String { Units.round(Units.duration(binNanoseconds)) }
}

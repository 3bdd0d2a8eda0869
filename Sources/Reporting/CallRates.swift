import Profiling

/// Calls per second of each version, counted from the recorded events in
/// one-second bins of session time, for the trace's counter and the
/// page's timeline. Only events mode records when calls happened; without
/// events there are no bins.
struct CallRates {
    static let binNanoseconds: UInt64 = 1_000_000_000

    /// Every version that made a recorded call, ascending.
    let versions: [Int]
    /// Each bin's start and the calls each version made in it (zero where
    /// it made none), from the first call's bin to the last; then one bin
    /// of zeros, so that a rate drops back to nothing where the calls end.
    let bins: [(start: UInt64, calls: [Int: UInt64])]

    init(_ document: TraceDocument) {
        versions = Set(document.calls.map(\.version)).sorted()
        guard let first = document.calls.map(\.start).min(), let last = document.calls.map(\.start).max() else {
            bins = []
            return
        }
        // Sampling records one call in `sampleEvery`; scale back to an estimate of all of them.
        let weight = UInt64(max(document.sampleEvery, 1))
        let firstBin = first / Self.binNanoseconds
        let zeros = Dictionary(uniqueKeysWithValues: versions.map { ($0, UInt64(0)) })
        var counts = Array(repeating: zeros, count: Int(last / Self.binNanoseconds - firstBin) + 2)
        for call in document.calls {
            counts[Int(call.start / Self.binNanoseconds - firstBin)][call.version, default: 0] += weight
        }
        bins = counts.enumerated().map { index, calls in ((firstBin + UInt64(index)) * Self.binNanoseconds, calls) }
    }
}

import SystemProbes


/// A point in time on the monotonic clock, to wait for in slices.
struct MonotonicDeadline {
    private let end: UInt64

    init(secondsFromNow seconds: Double) {
        end = MonotonicClock.now() + UInt64(max(0, seconds) * 1e9)
    }

    /// Milliseconds left, rounded up (poll's unit; 0 once past).
    var remainingMilliseconds: Int32 {
        let now = MonotonicClock.now()
        guard end > now else { return 0 }
        return Int32(clamping: (end - now + 999_999) / 1_000_000)
    }
}

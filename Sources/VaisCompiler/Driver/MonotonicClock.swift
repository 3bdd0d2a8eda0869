import Foundation

/// Laps on CLOCK_MONOTONIC, in nanoseconds.
struct MonotonicClock {
    private var last: UInt64

    init() { last = Self.now() }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Nanoseconds since the previous lap (or creation).
    mutating func lap() -> UInt64 {
        let current = Self.now()
        defer { last = current }
        return current - last
    }
}

import Foundation

/// Nanoseconds on CLOCK_MONOTONIC: unaffected by wall-clock changes, so
/// every span of every stage is measured on one timeline.
public enum MonotonicClock {
    @inline(__always)
    public static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Runs `body` and returns its result with the nanoseconds it took.
    @inline(__always)
    public static func measure<T>(_ body: () throws -> T) rethrows -> (value: T, nanoseconds: UInt64) {
        let start = now()
        let value = try body()
        return (value, now() - start)
    }
}

/// SplitMix64: a tiny, fast generator that gives the same numbers on every
/// platform, so generated programs and random test inputs can be replayed
/// from their seed.
public struct SplitMix64: Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias does not matter here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A float with two decimals at most, in `range` quarters: prints exactly.
    mutating func quarter(_ range: ClosedRange<Int>) -> String {
        let value = Double(int(range)) / 4
        return "\(value)"
    }

    mutating func pick<T>(_ options: [T]) -> T {
        options[int(0...(options.count - 1))]
    }
}

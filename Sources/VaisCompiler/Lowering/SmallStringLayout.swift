/// How a 64-bit platform's String holds a small string, for `IRBuffer`,
/// `IRArena` and `NameTable`:
/// two words, the UTF-8 bytes from the first byte of the first word, and
/// in the last byte of the second the flags (bit 61 of that word says
/// "small") and the count (bits 56-59). This is the standard library's
/// fixed layout on 64-bit platforms (`_StringObject`); `IRBufferTests`
/// checks it against `utf8` for every length from 0 to 20.
enum SmallStringLayout {
    struct Words {
        let low: UInt64
        let high: UInt64
    }

    private static let smallFlag: UInt64 = 1 << 61

    @inline(__always)
    static func words(of text: String) -> Words {
        unsafeBitCast(text, to: Words.self)
    }

    /// The byte count of a small string; nil for one held in a buffer.
    @inline(__always)
    static func smallCount(_ words: Words) -> Int? {
        guard words.high & smallFlag != 0 else { return nil }
        return Int(truncatingIfNeeded: (words.high >> 56) & 0xF)
    }
}

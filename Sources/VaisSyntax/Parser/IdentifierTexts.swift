/// Strings of the short names a file repeats (`self`, `a`, `measure`), by
/// their bytes packed into an integer: making a String validates and copies
/// its bytes, where a name seen before costs a multiply and a compare here.
/// Direct-mapped: a name whose slot is taken replaces the one there.
struct IdentifierTexts {
    private static let slotBits: UInt64 = 10
    private var keys = [UInt64](repeating: 0, count: 1 << slotBits)
    private var texts = [String](repeating: "", count: 1 << slotBits)

    /// The text of `bytes[range]`, which holds no zero byte (so no two
    /// spellings of up to eight bytes pack to one integer).
    mutating func text(of bytes: [UInt8], _ range: Range<Int>) -> String {
        guard range.count <= 8 else { return String(decoding: bytes[range], as: UTF8.self) }
        let key = Self.pack(bytes, range)
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - Self.slotBits))
        if keys[slot] == key { return texts[slot] }
        let text = String(decoding: bytes[range], as: UTF8.self)
        keys[slot] = key
        texts[slot] = text
        return text
    }

    /// The bytes of `range` (at most eight) in an integer, first byte
    /// lowest: one unaligned load where eight bytes remain in the file.
    @inline(__always)
    private static func pack(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        guard range.lowerBound + 8 <= bytes.count else { return Keywords.pack(bytes[range]) }
        let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self)) }
        // A length of one to eight keeps the shift in range, unchecked.
        return word & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 - 8 * range.count))
    }
}

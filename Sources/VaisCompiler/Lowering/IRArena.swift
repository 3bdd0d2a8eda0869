/// Bytes for the pieces made while lowering (labels, literals, symbols),
/// in blocks that never move, so a piece stays valid until `removeAll`.
/// One arena serves a lowering thread's functions one after the other;
/// the module and the type layout keep their own for their lifetime.
final class IRArena: @unchecked Sendable {
    @exclusivity(unchecked) private var blocks: [UnsafeMutablePointer<UInt8>] = []
    /// Pieces too big to share a block, freed at `removeAll`.
    @exclusivity(unchecked) private var large: [UnsafeMutablePointer<UInt8>] = []
    @exclusivity(unchecked) private var current: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var used = 0
    @exclusivity(unchecked) private var blockIndex = 0
    private static let blockSize = 16 * 1024
    private let temporaries = IRText.temporaries
    private let decimals = IRText.decimals

    init() {
        current = .allocate(capacity: Self.blockSize)
        blocks.append(current)
    }

    deinit {
        blocks.forEach { $0.deallocate() }
        large.forEach { $0.deallocate() }
    }

    /// Forgets every piece made, keeping the blocks for the next ones.
    func removeAll() {
        blockIndex = 0
        current = blocks[0]
        used = 0
        large.forEach { $0.deallocate() }
        large.removeAll(keepingCapacity: true)
    }

    /// Room for `count` bytes, valid until `removeAll`.
    private func allocate(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if used + count > Self.blockSize {
            if count > Self.blockSize / 4 {
                let own = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
                large.append(own)
                return own
            }
            blockIndex += 1
            if blockIndex == blocks.count { blocks.append(.allocate(capacity: Self.blockSize)) }
            current = blocks[blockIndex]
            used = 0
        }
        let start = current + used
        used += count
        return start
    }

    /// `text`'s bytes, between `prefix` and `suffix` (`@` and a symbol).
    /// A small string's bytes are read from its own two words, a longer
    /// one's borrowed, as `IRBuffer` does.
    func copy(_ text: String, prefix: IRPiece = "", suffix: IRPiece = "") -> IRPiece {
        let words = SmallStringLayout.words(of: text)
        if let length = SmallStringLayout.smallCount(words) {
            // Room for both words; the suffix overwrites what is past the text.
            let start = allocate(prefix.count + max(length + suffix.count, 16))
            start.update(from: prefix.start, count: prefix.count)
            let middle = UnsafeMutableRawPointer(start + prefix.count)
            middle.storeBytes(of: words.low, as: UInt64.self)
            middle.storeBytes(of: words.high, toByteOffset: 8, as: UInt64.self)
            (start + prefix.count + length).update(from: suffix.start, count: suffix.count)
            return IRPiece(start: start, count: prefix.count + length + suffix.count)
        }
        return text.utf8.span.withUnsafeBufferPointer { bytes in
            let count = prefix.count + bytes.count + suffix.count
            let start = allocate(count)
            start.update(from: prefix.start, count: prefix.count)
            if let base = bytes.baseAddress { (start + prefix.count).update(from: base, count: bytes.count) }
            (start + prefix.count + bytes.count).update(from: suffix.start, count: suffix.count)
            return IRPiece(start: start, count: count)
        }
    }

    /// A float constant, as `IRText.float` spells it.
    func float(_ value: Double, bits: Int) -> IRPiece {
        let start = allocate(IRText.floatLength)
        IRText.writeFloat(value, bits: bits, to: start)
        return IRPiece(start: start, count: IRText.floatLength)
    }

    /// `pieces` with `separator` between them, inside `prefix` and `suffix`.
    func join(_ pieces: [IRPiece], separator: IRPiece, prefix: IRPiece, suffix: IRPiece) -> IRPiece {
        let separators = max(pieces.count - 1, 0) * separator.count
        let count = pieces.reduce(prefix.count + separators + suffix.count) { $0 + $1.count }
        let start = allocate(count)
        var end = start
        func put(_ piece: IRPiece) {
            end.update(from: piece.start, count: piece.count)
            end += piece.count
        }
        put(prefix)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { put(separator) }
            put(piece)
        }
        put(suffix)
        return IRPiece(start: start, count: count)
    }

    /// `prefix` followed by a non-negative `number` in decimal, e.g. `if.then.12`.
    func name(_ prefix: IRPiece, _ number: Int) -> IRPiece {
        let digits = IRText.digitCount(number)
        let start = allocate(prefix.count + digits)
        start.update(from: prefix.start, count: prefix.count)
        IRText.writeDecimal(number, to: start + prefix.count)
        return IRPiece(start: start, count: prefix.count + digits)
    }

    /// The name of a function's `number`th SSA value.
    func temporary(_ number: Int) -> IRPiece {
        number < temporaries.count ? temporaries[number] : name("%t", number)
    }

    /// A non-negative integer in decimal.
    func decimal(_ number: Int) -> IRPiece {
        number >= 0 && number < decimals.count ? decimals[number] : copy(String(number))
    }

    /// A signed integer literal in decimal.
    func decimal(_ value: Int64) -> IRPiece {
        value >= 0 && value < decimals.count ? decimals[Int(value)] : copy(String(value))
    }
}

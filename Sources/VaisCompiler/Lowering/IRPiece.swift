/// A piece of IR text, as a pointer to bytes that outlive it and their
/// count: an instruction's literal parts (bytes in the binary), a type's
/// spelling (`TypeLayout`'s), a value's name (`IRText`'s tables or the
/// function's `IRArena`). Two plain words: copying one, storing it in a
/// value list or dropping it costs no reference counting, where a String
/// over 15 bytes (`%S.Pair_i64_str`, a symbol) was retained and released
/// at every pass, from both lowering threads at once.
/// Sendable: the bytes a piece points at are never written again.
struct IRPiece: ExpressibleByStringLiteral, Equatable, @unchecked Sendable {
    let start: UnsafePointer<UInt8>
    let count: Int

    init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    /// A literal's bytes live in the binary for good.
    init(stringLiteral value: StaticString) {
        start = value.utf8Start
        count = value.utf8CodeUnitCount
    }

    var isEmpty: Bool { count == 0 }

    static func == (left: IRPiece, right: IRPiece) -> Bool {
        guard left.count == right.count else { return false }
        for index in 0..<left.count where left.start[index] != right.start[index] { return false }
        return true
    }

    /// The bytes as a String, for the few places that build module-level text.
    var text: String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}

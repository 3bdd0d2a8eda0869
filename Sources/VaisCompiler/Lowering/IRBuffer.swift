/// The growing text of IR, as bytes. Lowering writes each instruction as
/// its pieces (`emit(result, " = add ", type, ...)`), straight into the
/// buffer, so an instruction costs no String of its own. A class over raw
/// memory rather than an `[UInt8]`: a thousand lines of source append some
/// hundred thousand small pieces, and each append to an array pays for
/// uniqueness and exclusivity checks that cost more than the copy. Not
/// synchronized: one thread writes a buffer at a time.
final class IRBuffer: @unchecked Sendable {
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Appends up to fourteen pieces. Fixed parameters with empty defaults
    /// rather than a variadic list, which would build an array per
    /// instruction.
    func append(_ p0: IRPiece, _ p1: IRPiece = "", _ p2: IRPiece = "", _ p3: IRPiece = "", _ p4: IRPiece = "",
                _ p5: IRPiece = "", _ p6: IRPiece = "", _ p7: IRPiece = "", _ p8: IRPiece = "", _ p9: IRPiece = "",
                _ p10: IRPiece = "", _ p11: IRPiece = "", _ p12: IRPiece = "", _ p13: IRPiece = "") {
        // Room for fourteen small pieces (16 bytes written each) is made
        // once, and the end is kept in a local until the last piece.
        reserve(Self.roomForPieces)
        var end = count
        put(p0, at: &end)
        put(p1, at: &end)
        put(p2, at: &end)
        put(p3, at: &end)
        put(p4, at: &end)
        put(p5, at: &end)
        put(p6, at: &end)
        put(p7, at: &end)
        put(p8, at: &end)
        put(p9, at: &end)
        put(p10, at: &end)
        put(p11, at: &end)
        put(p12, at: &end)
        put(p13, at: &end)
        count = end
    }

    private static let roomForPieces = 14 * 16

    /// One piece of `append(_:...)`, written at `end`, where room for the
    /// rest of the pieces was made.
    @inline(__always)
    private func put(_ piece: IRPiece, at end: inout Int) {
        let length = piece.count
        guard length > 0 else { return }
        guard length <= 16 else {
            count = end
            append(bytes: piece.start, count: length)
            reserve(Self.roomForPieces)
            end = count
            return
        }
        Self.copy(piece.start, to: storage + end, length)
        end += length
    }

    /// Up to three pieces: what is written between an instruction's
    /// parts (`write`) need not pass the fourteen of `append`, most of
    /// them empty.
    func appendFew(_ p0: IRPiece, _ p1: IRPiece, _ p2: IRPiece) {
        reserve(3 * 16)
        var end = count
        put(p0, at: &end)
        put(p1, at: &end)
        put(p2, at: &end)
        count = end
    }

    /// The two spaces an instruction's line starts with.
    @inline(__always)
    func appendIndent() {
        reserve(2)
        UnsafeMutableRawPointer(storage + count).storeBytes(of: 0x2020, as: UInt16.self)
        count += 2
    }

    @inline(__always)
    func append(_ piece: IRPiece) {
        append(bytes: piece.start, count: piece.count)
    }

    /// Module-level text, written once per module: one piece after another.
    func append(_ p0: String, _ p1: String = "", _ p2: String = "", _ p3: String = "", _ p4: String = "", _ p5: String = "") {
        append(p0)
        append(p1)
        append(p2)
        append(p3)
        append(p4)
        append(p5)
    }

    /// Nearly every piece (`%t12`, `, `, `i64`, the empty defaults) is a
    /// small string: up to 15 UTF-8 bytes held in the String's own two
    /// words, with the count in the high nibble of the last byte. Those
    /// are copied as the two words, in a few instructions; reaching them
    /// through `utf8.span`, a call into the runtime per piece, cost more
    /// than everything else an instruction does. Only longer strings,
    /// which live in a heap buffer, take that path (`SmallStringLayout`).
    @inline(__always)
    func append(_ text: String) {
        let words = SmallStringLayout.words(of: text)
        guard let length = SmallStringLayout.smallCount(words) else {
            appendLarge(text)
            return
        }
        // Most of an instruction's fourteen pieces are the empty defaults.
        guard length > 0 else { return }
        reserve(16)
        let target = UnsafeMutableRawPointer(storage + count)
        // Both words are written whole; the bytes past `length` are
        // overwritten by the next piece or lie past the end of the text.
        target.storeBytes(of: words.low, as: UInt64.self)
        target.storeBytes(of: words.high, toByteOffset: 8, as: UInt64.self)
        count += length
    }

    /// Borrows the bytes of a string held in a heap buffer as a `Span`:
    /// `utf8.withContiguousStorageIfAvailable` retained and released the
    /// storage of every piece.
    private func appendLarge(_ text: String) {
        text.utf8.span.withUnsafeBufferPointer { append(bytes: $0.baseAddress, count: $0.count) }
    }

    /// Empties the buffer, keeping its memory.
    func removeAll() {
        count = 0
    }

    func append(_ other: IRBuffer) {
        append(bytes: other.storage, count: other.count)
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    private func append(bytes: UnsafePointer<UInt8>?, count length: Int) {
        guard let bytes, length > 0 else { return }
        reserve(length)
        Self.copy(bytes, to: storage + count, length)
        count += length
    }

    /// Most pieces are a few bytes (`%t12`, `, `, `i64`), and a call of
    /// memmove cost more than the piece: up to 16 bytes are moved as two
    /// overlapping words, every read and write inside the piece.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, _ length: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch length {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        case 2..<4:
            let head = from.loadUnaligned(as: UInt16.self)
            let tail = from.loadUnaligned(fromByteOffset: length - 2, as: UInt16.self)
            to.storeBytes(of: head, as: UInt16.self)
            to.storeBytes(of: tail, toByteOffset: length - 2, as: UInt16.self)
        case 1:
            target.pointee = source.pointee
        default:
            target.update(from: source, count: length)
        }
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }

    /// The text so far.
    var text: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
    }
}

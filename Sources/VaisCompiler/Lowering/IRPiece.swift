import Foundation

/// A piece of an IR line that writes its UTF-8 straight into the output,
/// so an instruction costs no String of its own: lowering writes its
/// pieces one after another (`emit(result, " = add ", type, ...)`).
protocol IRPiece {
    func write(to buffer: IRBuffer)
}

extension String: IRPiece {
    @inline(__always)
    func write(to buffer: IRBuffer) {
        buffer.append(self)
    }
}

extension Int: IRPiece {
    @inline(__always)
    func write(to buffer: IRBuffer) {
        buffer.append(self)
    }
}

/// The growing text of IR, as bytes. A class over raw memory rather than
/// an `[UInt8]`: lowering appends some hundred thousand small pieces per
/// thousand lines of source, and each append to an array pays for
/// uniqueness and exclusivity checks that cost more than the copy.
final class IRBuffer {
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    func append(_ first: String, _ pieces: String...) {
        append(first)
        for piece in pieces { append(piece) }
    }

    @inline(__always)
    func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(bytes: $0.baseAddress, count: $0.count) }) == nil {
            append(Array(text.utf8))
        }
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(bytes: $0.baseAddress, count: $0.count) }
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

    /// Decimal digits, written without going through a String.
    func append(_ number: Int) {
        if number < 0 { append(byte: UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits = 1
        var divisor: UInt = 1
        while magnitude / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        reserve(digits)
        while divisor > 0 {
            storage[count] = UInt8(ascii: "0") &+ UInt8(magnitude / divisor)
            magnitude %= divisor
            divisor /= 10
            count += 1
        }
    }

    @inline(__always)
    private func append(bytes: UnsafePointer<UInt8>?, count length: Int) {
        guard let bytes, length > 0 else { return }
        reserve(length)
        (storage + count).update(from: bytes, count: length)
        count += length
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

/// Spelling of LLVM constants.
enum IRText {
    /// `%t0` to `%t4095`, made once: every function numbers its values from
    /// 1, so nearly every value name comes from here instead of being built.
    static let temporaries = Table("%t", 4096)

    /// `%p0` to `%p63`, made once: every definition names its parameters.
    static let parameters = Table("%p", 64)

    /// `0` to `4095`, made once: field and variant indices, sizes and
    /// counts are written into many instructions.
    static let decimals = Table("", 4096)

    /// Pieces made once and never freed, read without reference counting
    /// (or, once an arena holds the table, without the lazy global's check).
    struct Table: @unchecked Sendable {
        private let pieces: UnsafeBufferPointer<IRPiece>

        /// `prefix` and each number below `count`, in bytes of its own.
        fileprivate init(_ prefix: IRPiece, _ count: Int) {
            let width = prefix.count + String(count).utf8.count
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: width * count)
            let pieces = UnsafeMutableBufferPointer<IRPiece>.allocate(capacity: count)
            for index in 0..<count {
                let start = bytes + index * width
                start.update(from: prefix.start, count: prefix.count)
                let digits = writeDecimal(index, to: start + prefix.count)
                pieces.initializeElement(at: index, to: IRPiece(start: start, count: prefix.count + digits))
            }
            self.pieces = UnsafeBufferPointer(pieces)
        }

        var count: Int { pieces.count }

        subscript(index: Int) -> IRPiece { pieces[index] }
    }

    /// The name of a function's `number`th parameter (up to `%p63`, past
    /// which a definition's parameters are written from `arena`).
    static func parameter(_ number: Int, arena: IRArena) -> IRPiece {
        number < parameters.count ? parameters[number] : arena.name("%p", number)
    }

    /// The number of decimal digits of a non-negative `number`.
    static func digitCount(_ number: Int) -> Int {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// Writes a non-negative `number` in decimal at `target`; returns how
    /// many bytes it took.
    @discardableResult
    static func writeDecimal(_ number: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = digitCount(number)
        var rest = number
        for position in stride(from: digits - 1, through: 0, by: -1) {
            target[position] = UInt8(ascii: "0") &+ UInt8(rest % 10)
            rest /= 10
        }
        return digits
    }

    /// A float constant in the hexadecimal form LLVM accepts for any value.
    static func float(_ value: Double, bits: Int) -> String {
        String(unsafeUninitializedCapacity: floatLength) { buffer in
            writeFloat(value, bits: bits, to: buffer.baseAddress!)
            return floatLength
        }
    }

    /// `0x` and the 16 hexadecimal digits of the double.
    static let floatLength = 18

    /// Writes `float(value, bits:)`'s `floatLength` bytes at `target`,
    /// digit by digit: formatting through a String took some 1,700
    /// instructions a literal.
    static func writeFloat(_ value: Double, bits: Int, to target: UnsafeMutablePointer<UInt8>) {
        let pattern = (bits == 32 ? Double(Float(value)) : value).bitPattern
        target[0] = UInt8(ascii: "0")
        target[1] = UInt8(ascii: "x")
        for index in 0..<16 {
            let digit = UInt8(truncatingIfNeeded: pattern >> (60 - 4 * UInt64(index))) & 0xF
            target[2 + index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10
        }
    }

    /// The body of a `c"..."` string constant, NUL included. Built as bytes:
    /// the ABI manifest alone is a few kilobytes, written on every reload.
    static func cString(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + 4)
        for byte in bytes + [0] {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                text.append(byte)
            } else {
                text.append(UInt8(ascii: "\\"))
                text.append(hexDigits[Int(byte >> 4)])
                text.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A metadata string, escaped the way LLVM reads it.
    static func metadataString(_ text: String) -> String {
        "\"" + cString(Array(text.utf8)).dropLast(3) + "\""
    }
}

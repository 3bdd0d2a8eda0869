/// Spelling of LLVM constants.
enum IRText {
    /// `%t0` to `%t4095`, made once: every function numbers its values from
    /// 1, so nearly every value name comes from here instead of being built.
    private static let temporaries: [String] = (0..<4096).map { name("%t", $0) }

    /// The name of a function's `number`th SSA value.
    static func temporary(_ number: Int) -> String {
        number < temporaries.count ? temporaries[number] : name("%t", number)
    }

    /// `%p0` to `%p63`, made once: every definition names its parameters.
    private static let parameters: [String] = (0..<64).map { name("%p", $0) }

    /// The name of a function's `number`th parameter.
    static func parameter(_ number: Int) -> String {
        number < parameters.count ? parameters[number] : name("%p", number)
    }

    /// `0` to `4095`, made once: field and variant indices, sizes and
    /// counts are written into many instructions, and `String(Int)` goes
    /// through the generic description path each time.
    private static let decimals: [String] = (0..<4096).map { name("", $0) }

    /// A non-negative integer in decimal.
    static func decimal(_ number: Int) -> String {
        number >= 0 && number < decimals.count ? decimals[number] : String(number)
    }

    /// `prefix` followed by `number`, e.g. `%t12`: built from bytes, as
    /// lowering names thousands of values and labels this way.
    static func name(_ prefix: String, _ number: Int) -> String {
        var digits = 1
        var limit = 10
        while number >= limit, digits < 18 {
            digits += 1
            limit *= 10
        }
        let prefixLength = prefix.utf8.count
        return String(unsafeUninitializedCapacity: prefixLength + digits) { buffer in
            var text = prefix
            text.withUTF8 { bytes in
                for index in 0..<prefixLength { buffer[index] = bytes[index] }
            }
            var rest = number
            for index in stride(from: prefixLength + digits - 1, through: prefixLength, by: -1) {
                buffer[index] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
            }
            return prefixLength + digits
        }
    }

    /// A float constant in the hexadecimal form LLVM accepts for any value.
    static func float(_ value: Double, bits: Int) -> String {
        let exact = bits == 32 ? Double(Float(value)) : value
        let hex = String(exact.bitPattern, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 16 - hex.count) + hex
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

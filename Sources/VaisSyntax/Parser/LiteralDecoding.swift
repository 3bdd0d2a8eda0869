extension Parser {
    /// The value of an integer literal; a malformed or oversized literal is
    /// reported (P004) and becomes an error expression.
    mutating func decodeInteger(_ token: Token) -> ExprKind {
        let raw = text(of: token).filter { $0 != "_" }
        let radix: Int
        let digits: Substring
        if raw.hasPrefix("0x") {
            radix = 16
            digits = raw.dropFirst(2)
        } else if raw.hasPrefix("0b") {
            radix = 2
            digits = raw.dropFirst(2)
        } else {
            radix = 10
            digits = Substring(raw)
        }
        guard !digits.isEmpty, let value = UInt64(digits, radix: radix) else {
            let valid = digits.allSatisfy { $0.isHexDigit && Int(String($0), radix: radix) != nil }
            let message = valid && !digits.isEmpty ? "integer literal is too large for 64 bits" : "malformed integer literal"
            diagnostics.error("P004", message, at: span(of: token))
            return .error
        }
        return .integer(value)
    }

    /// The bytes of a string literal with its escapes applied; an unknown
    /// escape is reported (P003) and kept as written.
    mutating func decodeString(_ token: Token) -> [UInt8] {
        let bytes = file.bytes
        var result: [UInt8] = []
        var index = Int(token.start) + 1
        let end = Int(token.end) - 1
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < end + 1 else {
                result.append(byte)
                index += 1
                continue
            }
            let escape = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch escape {
            case UInt8(ascii: "n"): result.append(10)
            case UInt8(ascii: "t"): result.append(9)
            case UInt8(ascii: "r"): result.append(13)
            case UInt8(ascii: "0"): result.append(0)
            case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
            case UInt8(ascii: "'"): result.append(UInt8(ascii: "'"))
            case UInt8(ascii: "x"):
                let hex = index + 3 < end + 1 ? String(decoding: bytes[(index + 2)..<min(index + 4, end)], as: UTF8.self) : ""
                if hex.count == 2, let value = UInt8(hex, radix: 16) {
                    result.append(value)
                    index += 4
                    continue
                }
                diagnostics.error("P003", "'\\x' must be followed by two hex digits", at: SourceSpan(file: file.id, start: UInt32(index), end: UInt32(min(index + 2, end))))
            default:
                diagnostics.error("P003", "unknown escape sequence in string literal", at: SourceSpan(file: file.id, start: UInt32(index), end: UInt32(min(index + 2, end))))
                result.append(escape)
            }
            index += 2
        }
        return result
    }
}

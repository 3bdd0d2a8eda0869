extension Parser {
    /// The value of an integer literal; a malformed or oversized literal is
    /// reported (P004) and becomes an error expression. Read from the
    /// source's bytes: the lexer has already limited them to digits,
    /// letters and `_`, and a program holds thousands of literals.
    mutating func decodeInteger(_ token: Token) -> ExprKind {
        let bytes = file.bytes[Int(token.start)..<Int(token.end)]
        var digits = bytes[...]
        var radix: UInt64 = 10
        if bytes.count >= 2, bytes.first == UInt8(ascii: "0") {
            switch bytes[bytes.startIndex + 1] {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 { digits = bytes.dropFirst(2) }
        }
        var value: UInt64 = 0
        var digitCount = 0
        var malformed = false
        var overflowed = false
        for byte in digits where byte != UInt8(ascii: "_") {
            guard let digit = Self.digitValue(byte), digit < radix else {
                malformed = true
                break
            }
            digitCount += 1
            let (scaled, scaleOverflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, addOverflow) = scaled.addingReportingOverflow(digit)
            overflowed = overflowed || scaleOverflow || addOverflow
            value = sum
        }
        guard !malformed, digitCount > 0, !overflowed else {
            let message = !malformed && digitCount > 0 ? "integer literal is too large for 64 bits" : "malformed integer literal"
            diagnostics.error("P004", message, at: span(of: token))
            return .error
        }
        return .integer(value)
    }

    /// The value of a float literal. Its `_` separators are dropped byte by
    /// byte rather than character by character, and only when it has any:
    /// a short literal then makes a String without an allocation.
    func decodeFloat(_ token: Token) -> Double {
        let bytes = file.bytes[Int(token.start)..<Int(token.end)]
        let digits = bytes.contains(UInt8(ascii: "_")) ? bytes.filter { $0 != UInt8(ascii: "_") }[...] : bytes
        return Double(String(decoding: digits, as: UTF8.self)) ?? 0
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The value of a character literal, which the lexer has bounded to one
    /// character or one escape between its quotes: the character's Unicode
    /// scalar value (for ASCII, its byte: `'A'` is 65; `'é'` is 233, not a
    /// byte of its UTF-8), or the escape's byte, as in a string (`\n \t \r
    /// \0 \\ \' \"` and `\xNN`). An unknown escape is reported (P003) and
    /// becomes an error expression.
    mutating func decodeCharacter(_ token: Token) -> ExprKind {
        let bytes = file.bytes
        let first = Int(token.start) + 1
        let end = Int(token.end) - 1
        let lead = bytes[first]
        guard lead == UInt8(ascii: "\\") else {
            // One UTF-8 scalar (the file is valid UTF-8).
            let length = end - first
            guard length > 1 else { return .integer(UInt64(lead)) }
            var scalar = UInt64(lead) & (0xFF >> (length + 1))
            for offset in 1..<length { scalar = scalar << 6 | UInt64(bytes[first + offset] & 0x3F) }
            return .integer(scalar)
        }
        let escape = bytes[first + 1]
        switch escape {
        case UInt8(ascii: "n"): return .integer(10)
        case UInt8(ascii: "t"): return .integer(9)
        case UInt8(ascii: "r"): return .integer(13)
        case UInt8(ascii: "0"): return .integer(0)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): return .integer(UInt64(escape))
        case UInt8(ascii: "x"):
            if end - first == 4, let high = Self.digitValue(bytes[first + 2]), let low = Self.digitValue(bytes[first + 3]), high < 16, low < 16 {
                return .integer(high << 4 | low)
            }
            diagnostics.error("P003", "'\\x' must be followed by two hex digits", at: SourceSpan(file: file.id, start: UInt32(first), end: UInt32(end)))
        default:
            diagnostics.error("P003", "unknown escape sequence in character literal", at: SourceSpan(file: file.id, start: UInt32(first), end: UInt32(end)))
        }
        return .error
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

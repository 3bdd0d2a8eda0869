/// Turns a file's bytes into tokens. One switch over the next byte, no
/// backtracking; problems become diagnostics and an `.invalid` token, so the
/// parser always gets a token stream ending in `.endOfFile`.
public struct Lexer {
    /// The file's bytes, borrowed for as long as `tokenize` runs: read
    /// through a pointer, a byte costs a load, where an array's storage was
    /// fetched and bounds-checked at every byte.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: FileID
    private var position = 0
    private var sawNewline = true
    private var diagnostics = DiagnosticBag()
    /// Held here so the static is looked up once per file, not per identifier.
    private let keywords = Keywords.table

    private init(bytes: UnsafeBufferPointer<UInt8>, file: FileID) {
        self.bytes = bytes
        self.file = file
    }

    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        if let bad = UTF8Validation.firstInvalidByte(in: file.bytes) {
            var diagnostics = DiagnosticBag()
            diagnostics.error("P005", "source file is not valid UTF-8", at: SourceSpan(file: file.id, start: UInt32(bad), end: UInt32(bad + 1)))
            let end = UInt32(file.bytes.count)
            return ([Token(kind: .endOfFile, start: end, end: end, newlineBefore: true)], diagnostics.all)
        }
        // Offsets are 32 bits: checked once here, so a token's are not.
        precondition(file.bytes.count < UInt32.max, "source file is larger than 4 GB")
        return file.bytes.withUnsafeBufferPointer { bytes in
            var lexer = Lexer(bytes: bytes, file: file.id)
            let tokens = lexer.tokenizeAll()
            return (tokens, lexer.diagnostics.all)
        }
    }

    private mutating func tokenizeAll() -> [Token] {
        // Every token but the last takes at least a byte, so the file's
        // length bounds their number: tokens are written in place, without
        // the capacity check of an append per token. Pages never written
        // are never touched.
        [Token](unsafeUninitializedCapacity: bytes.count + 1) { buffer, count in
            while true {
                let token = next()
                buffer.initializeElement(at: count, to: token)
                count += 1
                if token.kind == .endOfFile { return }
            }
        }
    }

    private func span(_ start: Int, _ end: Int) -> SourceSpan {
        SourceSpan(file: file, start: UInt32(start), end: UInt32(end))
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let index = position + offset
        return index < bytes.count ? bytes[index] : 0
    }

    // The scanning loops work on a local index, stored back once: the
    // lexer is `inout` to them, so every step on `position` itself was a
    // load and a store.
    private mutating func skipTrivia() {
        var index = position
        defer { position = index }
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            // Spaces, the commonest trivia, skip the switch's jump.
            if byte == UInt8(ascii: " ") {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"):
                sawNewline = true
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#") where index + 1 >= count || bytes[index + 1] != UInt8(ascii: "["):
                while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            default:
                return
            }
        }
    }

    private mutating func next() -> Token {
        while true {
            skipTrivia()
            let newline = sawNewline
            let start = position
            guard position < bytes.count else {
                return Token(kind: .endOfFile, start: UInt32(start), end: UInt32(start), newlineBefore: true)
            }
            // A character that starts no token is reported and skipped, so
            // the parser sees the rest of the line as if it were not there.
            guard let kind = scanKind() else { continue }
            sawNewline = false
            return Token(kind: kind, start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: position),
                         newlineBefore: newline)
        }
    }

    private mutating func scanKind() -> TokenKind? {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return scanIdentifierOrKeyword()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return scanNumber()
        case UInt8(ascii: "\""):
            return scanString()
        case UInt8(ascii: "'"):
            return scanCharacter()
        // The commonest punctuation, which no longer token starts with.
        case UInt8(ascii: "("): return single(.lParen)
        case UInt8(ascii: ")"): return single(.rParen)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "{"): return single(.lBrace)
        case UInt8(ascii: "}"): return single(.rBrace)
        default:
            return scanPunctuation(byte)
        }
    }

    @inline(__always)
    private mutating func single(_ kind: TokenKind) -> TokenKind {
        position += 1
        return kind
    }

    private mutating func scanIdentifierOrKeyword() -> TokenKind {
        let start = position
        var index = start + 1
        while index < bytes.count, Self.isIdentifierByte(bytes[index]) { index += 1 }
        position = index
        let length = index - start
        guard length <= 8 else { return .identifier }
        return keywords.kind(packed: packedSpelling(from: start, length: length)) ?? .identifier
    }

    /// The `length` (at most eight) bytes from `start` as `Keywords.pack`
    /// packs them: one unaligned load where eight bytes remain in the file.
    @inline(__always)
    private func packedSpelling(from start: Int, length: Int) -> UInt64 {
        guard start + 8 <= bytes.count, let base = bytes.baseAddress else {
            return Keywords.pack(bytes[start..<(start + length)])
        }
        let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        // A length of one to eight keeps the shift in range, unchecked.
        return word & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 - 8 * length))
    }

    @inline(__always)
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte, in two words: a shift and a test, where
        // three range compares were one after another. The bits of `0`-`9`
        // (bytes 48-57), then of `A`-`Z`, `_` and `a`-`z` (65-90, 95,
        // 97-122) counted from byte 64.
        let word: UInt64 = byte < 64 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return byte < 128 && (word >> UInt64(byte & 63)) & 1 != 0
    }

    private mutating func scanNumber() -> TokenKind {
        let start = position
        if bytes[position] == UInt8(ascii: "0"), peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "b") {
            position += 2
            let digitsStart = position
            while position < bytes.count, Self.isIdentifierByte(bytes[position]) { position += 1 }
            if position == digitsStart {
                diagnostics.error("P004", "number literal has no digits after its prefix", at: span(start, position))
                return .invalid
            }
            return .integer
        }
        var isFloat = false
        consumeDigits()
        if peek() == UInt8(ascii: "."), Self.isDigit(peek(1)) {
            isFloat = true
            position += 1
            consumeDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let exponentStart = position
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            if !Self.isDigit(peek()) {
                while position < bytes.count, Self.isIdentifierByte(bytes[position]) { position += 1 }
                diagnostics.error("P004", "exponent has no digits", at: span(start, max(position, exponentStart + 1)))
                return .invalid
            }
            consumeDigits()
            isFloat = true
        }
        if position < bytes.count, Self.isIdentifierByte(bytes[position]) {
            while position < bytes.count, Self.isIdentifierByte(bytes[position]) { position += 1 }
            diagnostics.error("P004", "malformed number literal", at: span(start, position))
            return .invalid
        }
        return isFloat ? .float : .integer
    }

    private mutating func consumeDigits() {
        var index = position
        while index < bytes.count, Self.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        position = index
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func scanString() -> TokenKind {
        let start = position
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return .string
            case UInt8(ascii: "\\"):
                position += 2
            case UInt8(ascii: "\n"):
                diagnostics.error("P002", "unterminated string literal", at: span(start, start + 1))
                return .invalid
            default:
                position += 1
            }
        }
        position = bytes.count
        diagnostics.error("P002", "unterminated string literal", at: span(start, start + 1))
        return .invalid
    }

    /// `'A'`, `'\n'`, `'é'`: a character literal, one character or one
    /// escape between single quotes (the parser decodes its value). A quote
    /// before a name with no quote right after it (`'a`, `'static`) that
    /// `readsAsLifetime` is a Rust-style lifetime: P018, and skipped like a
    /// stray character. An empty literal or one of several characters is
    /// P006, one the line ends in P002; both become an invalid token, so
    /// the parser adds nothing to them.
    private mutating func scanCharacter() -> TokenKind? {
        let quote = UInt8(ascii: "'")
        let start = position
        let count = bytes.count
        let first = start + 1
        guard first < count, bytes[first] != UInt8(ascii: "\n"), bytes[first] != UInt8(ascii: "\r") else {
            position = first
            return unterminatedCharacter(at: start)
        }
        let byte = bytes[first]
        if byte == quote {
            position = first + 1
            diagnostics.error("P006", "empty character literal: write one character between the quotes (`'\\''` for a quote)", at: span(start, position))
            return .invalid
        }
        if byte == UInt8(ascii: "_") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") {
            var end = first + 1
            while end < count, Self.isIdentifierByte(bytes[end]) { end += 1 }
            guard end < count, bytes[end] == quote else {
                position = end
                guard readsAsLifetime(quoteAt: start, nameEnd: end) else { return unterminatedCharacter(at: start) }
                let name = String(decoding: bytes[first..<end], as: UTF8.self)
                diagnostics.error("P018", "not supported yet: lifetimes (`'\(name)`)", at: span(start, end))
                return nil
            }
            position = end + 1
            return end == first + 1 ? .character : severalCharacters(from: start)
        }
        // One escape (`\x` with its two digits), or one character: a UTF-8
        // scalar of one to four bytes.
        var end = first + 1
        if byte == UInt8(ascii: "\\"), end < count {
            let escape = bytes[end]
            // A backslash that ends the line escapes nothing.
            if escape != UInt8(ascii: "\n") { end += SourceFile.scalarLength(leadingByte: escape) }
            if escape == UInt8(ascii: "x") {
                var digits = 0
                while digits < 2, end < count, Self.isIdentifierByte(bytes[end]) { end += 1; digits += 1 }
            }
        } else {
            end = first + SourceFile.scalarLength(leadingByte: byte)
        }
        end = min(end, count)
        if end < count, bytes[end] == quote {
            position = end + 1
            return .character
        }
        // No quote right after: several characters before one on this
        // line, or none at all.
        var close = end
        while close < count, bytes[close] != quote, bytes[close] != UInt8(ascii: "\n") { close += 1 }
        if close < count, bytes[close] == quote {
            position = close + 1
            return severalCharacters(from: start)
        }
        position = end
        return unterminatedCharacter(at: start)
    }

    private mutating func unterminatedCharacter(at quote: Int) -> TokenKind {
        diagnostics.error("P002", "unterminated character literal: close it with `'` on its line", at: span(quote, quote + 1))
        return .invalid
    }

    /// `'ab'`, from its opening quote to the current position, past its closing one.
    private mutating func severalCharacters(from quote: Int) -> TokenKind {
        diagnostics.error("P006", "a character literal holds one character; write a string (`\"...\"`) for more", at: span(quote, position))
        return .invalid
    }

    /// Whether a quote and a name with no quote after them (`'a`) read as
    /// a Rust lifetime rather than a character literal left open: after
    /// `<` or `&` (`<'a>`, `&'a T`), after `,`, `:` or `+` when a generic
    /// list or bound goes on (`<T, 'a>`, `T: 'a + Copy`), or before a `:`
    /// (`'a: 'b`). Asked only of such a quote, from the bytes around it.
    private func readsAsLifetime(quoteAt start: Int, nameEnd end: Int) -> Bool {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var after = end
        while after < bytes.count, isBlank(bytes[after]) { after += 1 }
        let next = after < bytes.count ? bytes[after] : 0
        if next == UInt8(ascii: ":") { return true }
        var before = start - 1
        while before >= 0, isBlank(bytes[before]) { before -= 1 }
        guard before >= 0 else { return false }
        switch bytes[before] {
        case UInt8(ascii: "<"), UInt8(ascii: "&"):
            return true
        case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "+"):
            return next == UInt8(ascii: ">") || next == UInt8(ascii: ",") || next == UInt8(ascii: "+")
        default:
            return false
        }
    }

    private mutating func scanPunctuation(_ byte: UInt8) -> TokenKind? {
        // The bytes after are read only by the operators that have more.
        func take(_ count: Int, _ kind: TokenKind) -> TokenKind {
            position += count
            return kind
        }
        switch byte {
        case UInt8(ascii: "("): return take(1, .lParen)
        case UInt8(ascii: ")"): return take(1, .rParen)
        case UInt8(ascii: "{"): return take(1, .lBrace)
        case UInt8(ascii: "}"): return take(1, .rBrace)
        case UInt8(ascii: "["): return take(1, .lBracket)
        case UInt8(ascii: "]"): return take(1, .rBracket)
        case UInt8(ascii: ","): return take(1, .comma)
        case UInt8(ascii: ";"): return take(1, .semicolon)
        case UInt8(ascii: "?"): return take(1, .question)
        case UInt8(ascii: "~"): return take(1, .tilde)
        case UInt8(ascii: "^"): return take(1, .caret)
        case UInt8(ascii: "#"): return take(2, .hashBracket)
        case UInt8(ascii: "@"):
            return peek(1) == UInt8(ascii: "[") ? take(2, .atBracket) : take(1, .at)
        case UInt8(ascii: ":"):
            if peek(1) == UInt8(ascii: ":") { return take(2, .colonColon) }
            return peek(1) == UInt8(ascii: "=") ? take(2, .colonEqual) : take(1, .colon)
        case UInt8(ascii: "."):
            if peek(1) == UInt8(ascii: ".") {
                if peek(2) == UInt8(ascii: ".") { return take(3, .ellipsis) }
                if peek(2) == UInt8(ascii: "=") { return take(3, .dotDotEqual) }
                return take(2, .dotDot)
            }
            return take(1, .dot)
        case UInt8(ascii: "+"): return peek(1) == UInt8(ascii: "=") ? take(2, .plusEqual) : take(1, .plus)
        case UInt8(ascii: "-"):
            if peek(1) == UInt8(ascii: ">") { return take(2, .arrow) }
            return peek(1) == UInt8(ascii: "=") ? take(2, .minusEqual) : take(1, .minus)
        case UInt8(ascii: "*"): return peek(1) == UInt8(ascii: "=") ? take(2, .starEqual) : take(1, .star)
        case UInt8(ascii: "/"): return peek(1) == UInt8(ascii: "=") ? take(2, .slashEqual) : take(1, .slash)
        case UInt8(ascii: "%"): return peek(1) == UInt8(ascii: "=") ? take(2, .percentEqual) : take(1, .percent)
        case UInt8(ascii: "&"): return peek(1) == UInt8(ascii: "&") ? take(2, .ampAmp) : take(1, .amp)
        case UInt8(ascii: "|"): return peek(1) == UInt8(ascii: "|") ? take(2, .pipePipe) : take(1, .pipe)
        case UInt8(ascii: "!"): return peek(1) == UInt8(ascii: "=") ? take(2, .bangEqual) : take(1, .bang)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return take(2, .equalEqual) }
            return peek(1) == UInt8(ascii: ">") ? take(2, .fatArrow) : take(1, .equal)
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "<") { return take(2, .shl) }
            return peek(1) == UInt8(ascii: "=") ? take(2, .lessEqual) : take(1, .less)
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: ">") { return take(2, .shr) }
            return peek(1) == UInt8(ascii: "=") ? take(2, .greaterEqual) : take(1, .greater)
        default:
            let length = SourceFile.scalarLength(leadingByte: byte)
            position = min(bytes.count, position + length)
            let shown = String(decoding: bytes[(position - length)..<position], as: UTF8.self)
            diagnostics.error("P001", "unexpected character '\(shown.debugDescription.dropFirst().dropLast())'", at: span(position - length, position))
            return nil
        }
    }
}

/// Finds the first byte that breaks UTF-8, so P005 can point at it.
enum UTF8Validation {
    static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        var index = asciiPrefixLength(of: bytes)
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index
            }
            guard index + length <= count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = (scalar << 6) | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// How many bytes from the start are ASCII, to a multiple of eight:
    /// source is nearly all ASCII, and eight bytes are tested at once.
    private static func asciiPrefixLength(of bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                offset += 8
            }
            return offset
        }
    }
}

/// Forms of the Vais language contract that vais-hot does not compile yet.
/// Each is recognised where it starts and reported once with P017, so the
/// user reads "not supported yet" rather than a parse error about a token.
extension Parser {
    mutating func reportUnsupported(_ what: String, at span: SourceSpan) {
        diagnostics.error("P018", "not supported yet: \(what)", at: span)
    }

    /// Attributes of the contract's WebAssembly and GPU targets.
    static func isTargetAttribute(_ name: String) -> Bool {
        ["wasm", "gpu", "kernel", "shader", "compute", "simd", "vectorize"].contains { name.hasPrefix($0) }
    }

    /// An item this compiler does not take: reported, then skipped (or, for
    /// an async function, read as an ordinary one). True when it was one.
    mutating func skipUnsupportedItem() -> Bool {
        guard kind == .identifier else { return false }
        let word = text(of: current)
        switch word {
        case "A" where peekKind() == .kwFn, "async" where peekKind() == .kwFn:
            reportUnsupported("async functions (`\(word) F`)", at: currentSpan)
            advance()
            return false
        case "O" where peekKind() == .identifier, "union" where peekKind() == .identifier:
            reportUnsupported("unions (`\(word)`)", at: currentSpan)
        case "macro" where peekKind() == .identifier:
            reportUnsupported("macros", at: currentSpan)
        case "comptime":
            reportUnsupported("comptime items", at: currentSpan)
        default:
            return false
        }
        let start = current.start
        skipItemBody()
        // What a skipped item holds is not read, so not lexed for real either
        // (a macro's `$x` is no error).
        skippedRanges.append(start..<previousEnd)
        return true
    }

    /// `Variant { x: T }` in an enum: reported, and read to its `}`.
    mutating func skipFieldsVariant() {
        guard kind == .lBrace else { return }
        reportUnsupported("enum variants with named fields (`Variant { x: T }`)", at: currentSpan)
        skipBraces()
    }

    /// `a..b` where a statement should end (`r := 0..10`): a range kept as
    /// a value. True when it was one.
    mutating func reportRangeValue() -> Bool {
        guard kind == .dotDot || kind == .dotDotEqual else { return false }
        reportUnsupported("ranges as values (`a..b` outside a loop header or a pattern)", at: currentSpan)
        return true
    }

    /// `a[i..j]`: reported, and the upper bound read.
    mutating func skipSliceBound() {
        guard kind == .dotDot || kind == .dotDotEqual else { return }
        reportUnsupported("slices (`a[i..j]`)", at: currentSpan)
        advance()
        _ = parseExpression()
    }

    /// `lazy e`, `force e`, `linear e`, `affine e`: the contract's word, then
    /// an operand on the same line (a name followed by another operand is no
    /// expression otherwise). The feature it names, if it is one.
    @inline(__always)
    func unsupportedOperandWord(_ token: Token) -> String? {
        let next = peekToken(1)
        guard token.kind == .identifier, !next.newlineBefore else { return nil }
        switch next.kind {
        case .identifier, .integer, .float, .string, .character, .kwTrue, .kwFalse, .kwSelf: break
        default: return nil
        }
        if spells(token, "lazy") || spells(token, "force") { return "lazy evaluation (`lazy`, `force`)" }
        if spells(token, "linear") || spells(token, "affine") { return "linear and affine types (`linear`, `affine`)" }
        return nil
    }

    /// `"... ~{expr} ..."`: the contract's string interpolation.
    func isInterpolated(_ token: Token) -> Bool {
        let bytes = file.bytes[Int(token.start)..<Int(token.end)]
        return zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: "~") && $1 == UInt8(ascii: "{") }
    }

    /// `{x: i64 | x > 0}` where it cannot be checked: reported, and read to its `}`.
    mutating func skipRefinementType() -> TypeSyntax {
        let start = current.start
        reportUnsupported("refinement types (`{x: T | predicate}`) other than a function's parameters and result", at: currentSpan)
        skipBraces()
        return .error(span(from: start))
    }

    /// Reads from a `{` past the `}` that closes it.
    private mutating func skipBraces() {
        var depth = 0
        while kind != .endOfFile {
            let token = advance()
            if token.kind == .lBrace { depth += 1 }
            if token.kind == .rBrace {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }

    /// Skips to the end of an item: past its `{ ... }` or to the next line
    /// that starts an item.
    private mutating func skipItemBody() {
        recovering = false
        advance()
        while kind != .endOfFile, kind != .lBrace {
            if current.newlineBefore, Self.startsItem(kind) { return }
            advance()
        }
        skipBraces()
    }
}

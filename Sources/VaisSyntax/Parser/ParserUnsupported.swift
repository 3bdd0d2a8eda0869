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

extension Parser {
    /// `<A, B: Bound>` where only the names are wanted; empty when there is no `<`.
    mutating func parseGenericParameters() -> [Name] {
        parseBoundedGenericParameters().parameters
    }

    /// Generic parameters with the trait bounds written on each.
    mutating func parseBoundedGenericParameters() -> (parameters: [Name], bounds: [[Name]]) {
        guard accept(.less) else { return ([], []) }
        var parameters: [Name] = []
        var bounds: [[Name]] = []
        while kind != .greater, kind != .endOfFile {
            let before = index
            if kind == .kwConst {
                // `const N: u64`: the rest of the list is read past, unchecked.
                reportUnsupported("const generic parameters (`const N: u64`)", at: currentSpan)
                while kind != .greater, kind != .endOfFile, kind != .lParen, kind != .lBrace { advance() }
                break
            }
            guard let name = expectTypeParameterName() else { break }
            var traits: [Name] = []
            if accept(.colon) {
                repeat {
                    if let bound = parseBound() { traits.append(bound) }
                } while accept(.plus)
            }
            if parameters.contains(where: { $0.text == name.text }) {
                diagnostics.error("E007", "the type parameter `\(name.text)` is declared more than once", at: name.span)
            } else {
                parameters.append(name)
                bounds.append(traits)
            }
            if !accept(.comma) || index == before { break }
        }
        _ = expectClosingAngle()
        return (parameters, bounds)
    }

    /// `where T: A + B, U: C` after a signature or a type's parameters:
    /// more bounds for parameters declared already, added to `bounds`.
    mutating func parseWhereClause(_ parameters: [Name], _ bounds: inout [[Name]]) {
        guard kind == .identifier, spells(current, "where") else { return }
        advance()
        repeat {
            guard let name = expectTypeParameterName(), expect(.colon) else { return }
            var traits: [Name] = []
            repeat {
                if let bound = parseBound() { traits.append(bound) }
            } while accept(.plus)
            if let index = parameters.firstIndex(where: { $0.text == name.text }) {
                bounds[index] += traits
            } else {
                diagnostics.error("E002", "`\(name.text)` is not a type parameter declared here", at: name.span)
            }
        } while accept(.comma) && kind != .lBrace && kind != .equal
    }

    /// A trait named as a bound, with its arguments if it is generic
    /// (`Into<f64>`: kept in the tree's `boundArguments`).
    mutating func parseBound() -> Name? {
        guard let bound = expectIdentifier("a trait name") else { return nil }
        if kind == .less { tree.boundArguments[bound.span] = parseTypeArguments() }
        return bound
    }

    /// Whether the `<...>` here is followed by `for`: in `impl Into<f64>
    /// for i64` the list is the trait's arguments, not the impl's parameters.
    func closesBeforeFor() -> Bool {
        guard kind == .less else { return false }
        var depth = 0
        var position = index
        while position < tokens.count {
            switch tokens[position].kind {
            case .less: depth += 1
            case .greater: depth -= 1
            case .shr: depth -= 2
            case .lBrace, .endOfFile: return false
            default: break
            }
            position += 1
            if depth <= 0 { return position < tokens.count && tokens[position].kind == .kwFor }
        }
        return false
    }

    /// A type parameter's name: an identifier, or a one-letter keyword
    /// (`E` in `Result<T, E>`, `B` in `Pair<A, B>`): type parameters are
    /// usually single capitals, and in a type position no keyword is meant.
    mutating func expectTypeParameterName() -> Name? {
        if isLetterKeyword(index) {
            let token = advance()
            return spelledName(token)
        }
        return expectIdentifier("a type parameter name")
    }

    /// Whether the token at `position` is a keyword spelled as one capital.
    func isLetterKeyword(_ position: Int) -> Bool {
        guard position < tokens.count else { return false }
        let token = tokens[position]
        return token.kind.isKeyword && token.end == token.start + 1 && file.bytes[Int(token.start)] >= UInt8(ascii: "A")
            && file.bytes[Int(token.start)] <= UInt8(ascii: "Z")
    }

    /// `<T, U>` after a type name in a type or an expression.
    mutating func parseTypeArguments() -> [TypeSyntax] {
        guard accept(.less) else { return [] }
        var arguments: [TypeSyntax] = []
        while kind != .greater, kind != .shr, kind != .endOfFile {
            let before = index
            arguments.append(parseType())
            if !accept(.comma) || index == before { break }
        }
        _ = expectClosingAngle()
        return arguments
    }

    /// Consumes one `>`; a `>>` closing two lists at once is split in two.
    mutating func expectClosingAngle() -> Bool {
        if accept(.greater) { return true }
        if kind == .shr {
            tokens[index].kind = .greater
            tokens[index].start += 1
            return true
        }
        errorExpected("'>' to close the type arguments")
        return false
    }

    /// Whether the `<` at `offset` opens type arguments rather than a
    /// comparison: a balanced list of tokens that can spell types, followed
    /// by `(`, `{`, `::` or `.`. A comparison cannot be followed by `>`
    /// (comparisons do not chain), so nothing valid is misread. The first
    /// test is inlined: asked at every name, it nearly always fails, and a
    /// call would hand the callee a copy of the parser.
    @inline(__always)
    func looksLikeTypeArguments(at offset: Int) -> Bool {
        peekKind(offset) == .less && typeArgumentsFollow(at: offset)
    }

    private func typeArgumentsFollow(at offset: Int) -> Bool {
        var depth = 0
        var position = offset
        while position - offset < 64 {
            switch peekKind(position) {
            case .less: depth += 1
            case .greater: depth -= 1
            case .shr: depth -= 2
            case .identifier, .comma, .star, .amp, .kwMut, .lBracket, .rBracket, .semicolon,
                 .integer, .lParen, .rParen, .kwFn, .arrow, .pipe, .pipePipe:
                break
            default:
                if !isLetterKeyword(index + position) { return false }
            }
            position += 1
            if depth <= 0 {
                guard depth == 0 else { return false }
                switch peekKind(position) {
                case .lParen: return !peekToken(position).newlineBefore
                case .lBrace, .colonColon, .dot: return true
                default: return false
                }
            }
        }
        return false
    }
}

extension Parser {
    mutating func parseType() -> TypeSyntax {
        let start = current.start
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            diagnostics.error("P012", "type is nested too deeply", at: currentSpan)
            return .error(currentSpan)
        }
        if kind == .identifier, peekKind() == .identifier, spells(current, "dyn") {
            reportUnsupported("trait objects (`dyn Trait`)", at: currentSpan)
            advance()
            _ = parseType()
            return .error(span(from: start))
        }
        // Only the outermost type of a parameter or result may be refined.
        let refinable = allowsRefinements
        allowsRefinements = false
        if kind == .lBrace, peekKind() == .identifier, peekKind(2) == .colon {
            return refinable ? parseRefinementType() : skipRefinementType()
        }
        if kind == .identifier || (isLetterKeyword(index) && !(kind == .kwFn && peekKind() == .lParen)) {
            let token = advance()
            if !scratch.writesNewerSpelling, token.kind == .identifier, namesNewerType(token) { scratch.writesNewerSpelling = true }
            var name = spelledName(token)
            // `Self::Item` (or `Self.Item`): an associated type, named by its last part.
            if name.text == "Self", kind == .colonColon || kind == .dot, peekKind() == .identifier {
                advance()
                let member = advance()
                name = spelledName(member)
            }
            guard kind == .less else { return .named(name) }
            let arguments = parseTypeArguments()
            if CollectionTypes.isCollection(name.text) { tree.namedCollections.insert(name.text) }
            return .generic(name, arguments, span(from: start))
        }
        switch kind {
        case .star:
            advance()
            _ = accept(.kwMut)
            let pointee = parseType()
            return .pointer(pointee, span(from: start))
        case .amp:
            advance()
            let mutable = accept(.kwMut)
            let referent = parseType()
            return .reference(referent, mutable: mutable, span(from: start))
        case .ampAmp:
            advance()
            let mutable = accept(.kwMut)
            let referent = parseType()
            return .reference(.reference(referent, mutable: mutable, span(from: start + 1)), mutable: false, span(from: start))
        case .lBracket:
            advance()
            let element = parseType()
            guard expect(.semicolon, "';' and a length in an array type") else { return .error(span(from: start)) }
            let length = parseExpression()
            _ = expect(.rBracket)
            return .array(element, length: length, span(from: start))
        case .lParen:
            advance()
            if accept(.rParen) { return .unit(span(from: start)) }
            var elements = [parseType()]
            var isTuple = false
            while accept(.comma) {
                isTuple = true
                if kind == .rParen { break }
                elements.append(parseType())
            }
            _ = expect(.rParen, "')' to close the tuple type")
            return isTuple ? .tuple(elements, span(from: start)) : elements[0]
        case .pipe, .pipePipe:
            return parseClosureType()
        case .kwFn:
            advance()
            guard expect(.lParen) else { return .error(span(from: start)) }
            var parameters: [TypeSyntax] = []
            while kind != .rParen, kind != .endOfFile {
                let before = index
                parameters.append(parseType())
                if !accept(.comma) || index == before { break }
            }
            _ = expect(.rParen)
            var result: TypeSyntax?
            if accept(.arrow) { result = parseType() }
            return .function(parameters: parameters, result: result, span(from: start))
        default:
            errorExpected("a type", code: "P012")
            return .error(currentSpan)
        }
    }

    mutating func parsePattern() -> Pattern {
        let start = current.start
        let first = parseSinglePattern()
        guard kind == .pipe else { return first }
        var alternatives = [first]
        while accept(.pipe) { alternatives.append(parseSinglePattern()) }
        return .alternatives(alternatives, span(from: start))
    }

    /// `Int`, `Bool`, `Char`, `Str`, `Float`: the newer spelling's names of
    /// the primitive types. Three to five bytes, the first a capital: most
    /// type names are ruled out by their length or first byte.
    @inline(__always)
    func namesNewerType(_ token: Token) -> Bool {
        let length = token.end - token.start
        guard length >= 3, length <= 5 else { return false }
        switch file.bytes[Int(token.start)] {
        case UInt8(ascii: "I"): return spells(token, "Int")
        case UInt8(ascii: "B"): return spells(token, "Bool")
        case UInt8(ascii: "C"): return spells(token, "Char")
        case UInt8(ascii: "S"): return spells(token, "Str")
        case UInt8(ascii: "F"): return spells(token, "Float")
        default: return false
        }
    }

    private mutating func parseSinglePattern() -> Pattern {
        let token = current
        switch token.kind {
        case .identifier:
            advance()
            let name = spelledName(token)
            if name.text == "_" { return .wildcard(name.span) }
            if kind == .dot, peekKind() == .identifier {
                advance()
                let variantToken = advance()
                let variant = spelledName(variantToken)
                return .variant(enumName: name, variant: variant, fields: parsePatternFields(), span(from: token.start))
            }
            if kind == .lParen {
                return .variant(enumName: nil, variant: name, fields: parsePatternFields(), span(from: token.start))
            }
            return .binding(name)
        case .integer, .character, .minus:
            return parseNumericPattern()
        case .kwTrue, .kwFalse:
            advance()
            return .bool(token.kind == .kwTrue, span(of: token))
        case .lParen:
            // `(p)` is `p`; a comma makes a tuple: `(a, b)`, `(a,)`.
            guard peekKind() != .rParen else {
                advance()
                errorExpected("a pattern", code: "P014")
                advance()
                return .error(span(from: token.start))
            }
            let elements = parsePatternFields()
            let trailingComma = index >= 2 && tokens[index - 2].kind == .comma
            if elements.count == 1, !trailingComma { return elements[0] }
            // An element that did not parse was reported: the tuple says no more.
            if elements.contains(where: { if case .error = $0 { true } else { false } }) { return .error(span(from: token.start)) }
            return .tuple(elements, span(from: token.start))
        default:
            errorExpected("a pattern", code: "P014")
            if !atStatementEnd, kind != .fatArrow { advance() }
            return .error(span(of: token))
        }
    }

    private mutating func parsePatternFields() -> [Pattern] {
        guard accept(.lParen) else { return [] }
        var fields: [Pattern] = []
        while kind != .rParen, kind != .endOfFile {
            let before = index
            fields.append(parsePattern())
            if !accept(.comma) || index == before { break }
        }
        _ = expect(.rParen)
        return fields
    }

    private mutating func parseNumericPattern() -> Pattern {
        let start = current.start
        guard let lower = parseSignedInteger() else { return .error(span(from: start)) }
        if kind == .dotDot || kind == .dotDotEqual {
            let inclusive = advance().kind == .dotDotEqual
            guard let upper = parseSignedInteger() else { return .error(span(from: start)) }
            return .range(lower: lower, upper: upper, inclusive: inclusive, span(from: start))
        }
        return .integer(lower, span(from: start))
    }

    private mutating func parseSignedInteger() -> Int64? {
        let negative = accept(.minus)
        // `'a'..='z'`: a character is its integer value here too.
        if !negative, kind == .character {
            guard case .integer(let value) = decodeCharacter(advance()) else { return nil }
            return Int64(value)
        }
        guard kind == .integer else {
            errorExpected("an integer in a pattern", code: "P014")
            return nil
        }
        let token = advance()
        guard case .integer(let magnitude) = decodeInteger(token) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return Int64(bitPattern: magnitude)
    }
}

extension Parser {
    /// Whether a struct literal may start here. Conditions of `I`, `L` and
    /// `M` forbid it, or `I x == P { ... }` would be ambiguous.
    struct ExpressionContext {
        var allowsStructLiteral = true
    }

    mutating func parseExpression(_ context: ExpressionContext = ExpressionContext()) -> ExprID {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return abandonTooDeepExpression() }
        let (outerLinks, outerHeight) = (chainLinks, nestedHeight)
        (chainLinks, nestedHeight) = (0, 0)
        let expression = parseTernary(context)
        let height = chainLinks + nestedHeight + 1
        (chainLinks, nestedHeight) = (outerLinks, max(outerHeight, height))
        guard height <= Self.maximumHeight else { return abandonTooDeepExpression() }
        return expression
    }

    mutating func parseConditionExpression() -> ExprID {
        parseExpression(ExpressionContext(allowsStructLiteral: false))
    }

    private mutating func parseTernary(_ context: ExpressionContext) -> ExprID {
        let condition = parsePipeline(context)
        guard kind == .question else { return condition }
        advance()
        let then = parseExpression(context)
        guard expect(.colon, "':' in a ternary expression") else { return condition }
        let otherwise = parseExpression(context)
        return tree.add(ExprNode(kind: .ternary(condition: condition, then: then, otherwise: otherwise),
                                 span: tree[condition].span.through(tree[otherwise].span)))
    }

    func binaryOperator(_ kind: TokenKind) -> (BinaryOperator, Int)? {
        switch kind {
        case .pipePipe: return (.logicalOr, 1)
        case .ampAmp: return (.logicalAnd, 2)
        case .equalEqual: return (.equal, 3)
        case .bangEqual: return (.notEqual, 3)
        case .less: return (.less, 3)
        case .lessEqual: return (.lessEqual, 3)
        case .greater: return (.greater, 3)
        case .greaterEqual: return (.greaterEqual, 3)
        case .pipe: return (.bitOr, 4)
        case .caret: return (.bitXor, 5)
        case .amp: return (.bitAnd, 6)
        case .shl: return (.shiftLeft, 7)
        case .shr: return (.shiftRight, 7)
        case .plus: return (.add, 8)
        case .minus: return (.subtract, 8)
        case .star: return (.multiply, 9)
        case .slash: return (.divide, 9)
        case .percent: return (.remainder, 9)
        default: return nil
        }
    }

    /// Precedence climbing: one function for every binary level keeps the
    /// recursion shallow.
    mutating func parseBinary(minimumPrecedence: Int, _ context: ExpressionContext) -> ExprID {
        var left = parseCast(context)
        while let (op, precedence) = binaryOperator(kind), precedence >= minimumPrecedence, !atPipeArrow {
            // `-`, `*`, `&` and `|` (a closure) at the start of a line begin
            // a new statement; `||` there goes on with the line before.
            if current.newlineBefore, kind == .minus || kind == .star || kind == .amp || kind == .pipe { break }
            guard addChainLink() else { return abandonTooDeepExpression() }
            let operatorAt = current.start
            advance()
            let right = parseBinary(minimumPrecedence: precedence + 1, context)
            let node = ExprNode(kind: .binary(op, left, right, operatorAt: operatorAt), span: tree[left].span.through(tree[right].span))
            left = tree.add(node)
            if op.isComparison, let (next, nextPrecedence) = binaryOperator(kind), next.isComparison, nextPrecedence == precedence {
                diagnostics.error("P010", "comparisons cannot be chained; use '&&'", at: currentSpan)
            }
        }
        return left
    }

    private mutating func parseCast(_ context: ExpressionContext) -> ExprID {
        var value = parseUnary(context)
        while kind == .kwAs {
            guard addChainLink() else { return abandonTooDeepExpression() }
            let asAt = current.start
            advance()
            let type = parseType()
            value = tree.add(ExprNode(kind: .cast(value, tree.add(type: type), asAt: asAt), span: tree[value].span.through(type.span)))
        }
        return value
    }

    private mutating func parseUnary(_ context: ExpressionContext) -> ExprID {
        let start = current.start
        let op: UnaryOperator
        switch kind {
        case .minus: op = .negate
        case .bang: op = .not
        case .tilde: op = .bitNot
        case .amp:
            op = .addressOf
        case .ampAmp:
            advance()
            let inner = wrapAddressOf(parseUnaryOperand(context), start: start + 1)
            return wrapAddressOf(inner, start: start)
        case .star: op = .dereference
        default: return parsePostfix(context)
        }
        advance()
        if op == .addressOf { _ = accept(.kwMut) }
        let operand = parseUnaryOperand(context)
        return tree.add(ExprNode(kind: .unary(op, operand), span: span(from: start)))
    }

    private mutating func parseUnaryOperand(_ context: ExpressionContext) -> ExprID {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return abandonTooDeepExpression() }
        return parseUnary(context)
    }

    private mutating func wrapAddressOf(_ operand: ExprID, start: UInt32) -> ExprID {
        tree.add(ExprNode(kind: .unary(.addressOf, operand), span: span(from: start)))
    }

    private mutating func parsePostfix(_ context: ExpressionContext) -> ExprID {
        var value = parsePrimary(context)
        while true {
            switch kind {
            case .lParen where !current.newlineBefore:
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                let mark = scratch.exprs.count
                while kind != .rParen, kind != .endOfFile {
                    let before = index
                    let argument = parseExpression()
                    scratch.exprs.append(argument)
                    if !accept(.comma) || index == before { break }
                }
                _ = expect(.rParen, "')' after the arguments")
                let callSpan = tree[value].span.through(span(from: previousEnd))
                if case .name(let name) = tree[value].kind, scratch.exprs.count == mark + 1, tree[name] == "assert" {
                    let condition = scratch.exprs.removeLast()
                    value = assertion(condition, at: callSpan)
                } else {
                    let callee = tree[value]
                    if case .name(let name) = callee.kind,
                       PreludeFunctions.mayBeNamed(first: file.bytes[Int(callee.span.start)], length: callee.span.end - callee.span.start),
                       PreludeFunctions.names.contains(tree[name]) {
                        scratch.calledPreludeFunctions.insert(tree[name])
                    }
                    value = tree.add(ExprNode(kind: .call(callee: value, arguments: takeListedExprs(from: mark)), span: callSpan))
                }
            case .lBracket where !current.newlineBefore:
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                let indexValue = parseExpression()
                skipSliceBound()
                _ = expect(.rBracket)
                value = tree.add(ExprNode(kind: .index(base: value, index: indexValue), span: tree[value].span.through(span(from: previousEnd))))
            case .question where !current.newlineBefore && !startsExpression(peekToken(1)):
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                value = tree.add(ExprNode(kind: .tryPropagate(value), span: tree[value].span.through(span(from: previousEnd - 1))))
            case .bang where !current.newlineBefore && isMacroCall(value):
                reportUnsupported("macros (`name!(...)`)", at: tree[value].span.through(currentSpan))
                advance()
                let start = tree[value].span.start
                if kind == .lParen || kind == .lBracket || kind == .lBrace { skipBalanced() }
                return tree.add(ExprNode(kind: .error, span: span(from: start)))
            case .dot where peekKind() == .identifier && (spells(peekToken(1), "Y") || spells(peekToken(1), "await")) && peekKind(2) != .lParen:
                advance()
                reportUnsupported("await (`.Y`)", at: currentSpan)
                advance()
                return tree.add(ExprNode(kind: .error, span: tree[value].span))
            case .bang where !current.newlineBefore:
                guard addChainLink() else { return abandonTooDeepExpression() }
                let bang = advance()
                let (line, _) = file.lineAndColumn(of: bang.start)
                let fileName = file.path.split(separator: "/").last.map(String.init) ?? file.path
                let message = tree.add(ExprNode(kind: .string(tree.add(bytes: Array("panic: `!` found no value (None or Err) at \(fileName):\(line)\n".utf8))),
                                                span: span(of: bang)))
                value = tree.add(ExprNode(kind: .unwrap(value, message: message), span: tree[value].span.through(span(of: bang))))
            case .dot where peekKind() == .integer:
                // `pair.0`: a tuple element.
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                let element = advance()
                let name = spelledName(element)
                value = tree.add(ExprNode(kind: .field(base: value, name: tree.add(name: name)), span: tree[value].span.through(name.span)))
            case .dot where peekKind() == .float:
                // `pair.0.1` lexes its indexes as the float `0.1`: two elements.
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                let token = advance()
                let parts = text(of: token).split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
                    diagnostics.error("P010", "expected a field or method name after '.', found '\(text(of: token))'", at: span(of: token))
                    return value
                }
                let middle = token.start + UInt32(parts[0].utf8.count)
                for (part, range) in [(parts[0], (token.start, middle)), (parts[1], (middle + 1, token.end))] {
                    let name = Name(String(part), SourceSpan(file: file.id, start: range.0, end: range.1))
                    value = tree.add(ExprNode(kind: .field(base: value, name: tree.add(name: name)), span: tree[value].span.through(name.span)))
                }
            case .colonColon where peekKind() == .less:
                // A turbofish: `vec_new::<i64>()`, `Vec::<i64>::new()`, `v.map::<f64>(f)`.
                advance()
                let arguments = parseTypeArguments()
                switch tree[value].kind {
                case .name, .field: tree.typeArguments[value] = arguments
                default: diagnostics.error("P010", "type arguments follow a function, method or type name", at: tree[value].span)
                }
            case .dot, .colonColon:
                guard addChainLink() else { return abandonTooDeepExpression() }
                advance()
                guard let name = expectIdentifier("a field or method name after '.'") else { return value }
                value = tree.add(ExprNode(kind: .field(base: value, name: tree.add(name: name)), span: tree[value].span.through(name.span)))
                // `b.empty<f64>()`: type arguments of a method.
                if looksLikeTypeArguments(at: 0) { tree.typeArguments[value] = parseTypeArguments() }
            default:
                return value
            }
        }
    }

    private mutating func parsePrimary(_ context: ExpressionContext) -> ExprID {
        let token = current
        let start = token.start
        switch token.kind {
        case .integer:
            advance()
            return tree.add(ExprNode(kind: decodeInteger(token), span: span(of: token)))
        case .float:
            advance()
            return tree.add(ExprNode(kind: .float(decodeFloat(token)), span: span(of: token)))
        case .character:
            // An integer literal by another spelling: it takes the integer
            // type its context expects (`s[i] == 'a'` with a `u8` byte).
            advance()
            return tree.add(ExprNode(kind: decodeCharacter(token), span: span(of: token)))
        case .string:
            advance()
            if isInterpolated(token) { reportUnsupported("string interpolation (`~{expr}`)", at: span(of: token)) }
            return tree.add(ExprNode(kind: .string(tree.add(bytes: decodeString(token))), span: span(of: token)))
        case .kwTrue, .kwFalse:
            advance()
            return tree.add(ExprNode(kind: .bool(token.kind == .kwTrue), span: span(of: token)))
        case .kwSelf:
            advance()
            return tree.add(ExprNode(kind: .name(tree.add(text: "self")), span: span(of: token)))
        case .identifier where peekKind() == .lBrace && spells(token, "comptime"):
            reportUnsupported("comptime blocks", at: span(of: token))
            advance()
            _ = parseBlock()
            return tree.add(ExprNode(kind: .error, span: span(from: start)))
        case .identifier where spells(token, "move") && (peekKind() == .pipe || peekKind() == .pipePipe):
            // `move |x| ...`: every capture is a copy already.
            advance()
            return parseClosure()
        case .identifier where unsupportedOperandWord(token) != nil:
            reportUnsupported(unsupportedOperandWord(token) ?? "", at: span(of: token))
            advance()
            _ = parseUnaryOperand(context)
            return tree.add(ExprNode(kind: .error, span: span(from: start)))
        case .identifier where looksLikeTypeArguments(at: 1):
            advance()
            let name = spelledName(token)
            let arguments = parseTypeArguments()
            if kind == .lBrace, context.allowsStructLiteral {
                let literal = parseStructLiteral(name)
                tree.typeArguments[literal] = arguments
                return literal
            }
            let expr = tree.add(ExprNode(kind: .name(tree.add(text: name.text)), span: name.span))
            tree.typeArguments[expr] = arguments
            return expr
        case .identifier:
            if context.allowsStructLiteral, peekKind() == .lBrace,
               peekKind(2) == .rBrace || (peekKind(2) == .identifier && peekKind(3) == .colon) {
                let nameToken = advance()
                return parseStructLiteral(spelledName(nameToken))
            }
            advance()
            return tree.add(ExprNode(kind: .name(tree.add(text: identifierText(token))), span: span(of: token)))
        case .at:
            advance()
            return tree.add(ExprNode(kind: .selfFunction, span: span(of: token)))

        case .lParen:
            advance()
            if accept(.rParen) {
                let block = tree.add(Block(statements: [], tail: nil, span: span(from: start)))
                return tree.add(ExprNode(kind: .block(block), span: span(from: start)))
            }
            let inner = parseExpression()
            if kind == .comma {
                let mark = scratch.exprs.count
                scratch.exprs.append(inner)
                while accept(.comma), kind != .rParen, kind != .endOfFile {
                    let before = index
                    let element = parseExpression()
                    scratch.exprs.append(element)
                    if index == before { break }
                }
                _ = expect(.rParen, "')' to close the tuple")
                return tree.add(ExprNode(kind: .tuple(takeListedExprs(from: mark)), span: span(from: start)))
            }
            _ = expect(.rParen)
            return tree.add(ExprNode(kind: .parenthesized(inner), span: span(from: start)))
        case .lBracket:
            return parseArrayLiteral()
        case .pipe, .pipePipe:
            return parseClosure()
        case .lBrace:
            let block = parseBlock()
            return tree.add(ExprNode(kind: .block(block), span: span(from: start)))
        case .kwIf:
            return parseIf()
        case .kwMatch:
            return parseMatch()
        case .kwLoop, .kwWhile, .kwFor:
            return parseLoop()
        case .kwReturn where readingEnsures:
            advance()
            return tree.add(ExprNode(kind: .name(tree.add(text: Self.contractResultName)), span: span(of: token)))
        case .kwReturn:
            advance()
            var value: ExprID?
            if !atStatementEnd, kind != .comma, kind != .rParen { value = parseExpression() }
            return tree.add(ExprNode(kind: .returnValue(value), span: span(from: start)))
        case .kwBreak:
            advance()
            let breakLoop = tree.add(ExprNode(kind: .breakLoop, span: span(of: token)))
            guard !atStatementEnd, kind != .comma, kind != .rParen else { return breakLoop }
            // `B 0`: loops give no value here, so the value is evaluated
            // for its effects and the loop left, as `{ 0; B }`.
            let value = parseExpression()
            let statement = tree.add(StmtNode(kind: .expression(value), span: tree[value].span))
            let block = tree.add(Block(statements: [statement], tail: breakLoop, span: span(from: start)))
            return tree.add(ExprNode(kind: .block(block), span: span(from: start)))
        case .kwContinueOrConst, .kwContinue:
            advance()
            return tree.add(ExprNode(kind: .continueLoop, span: span(of: token)))
        case .invalid:
            // Already reported by the lexer.
            advance()
            return tree.add(ExprNode(kind: .error, span: span(of: token)))
        default:
            errorExpected("an expression", code: "P011")
            return tree.add(ExprNode(kind: .error, span: span(of: token)))
        }
    }

    /// The fields of a struct literal, from its `{`.
    /// `name!(` or `name![`: a macro call, not `!` unwrapping a value.
    private func isMacroCall(_ value: ExprID) -> Bool {
        guard case .name = tree[value].kind else { return false }
        let next = peekToken(1)
        return (next.kind == .lParen || next.kind == .lBracket || next.kind == .lBrace) && next.start == current.end
    }

    /// Skips a bracketed group and everything nested in it.
    private mutating func skipBalanced() {
        var depth = 0
        repeat {
            switch advance().kind {
            case .lParen, .lBracket, .lBrace: depth += 1
            case .rParen, .rBracket, .rBrace: depth -= 1
            case .endOfFile: return
            default: break
            }
        } while depth > 0 && kind != .endOfFile
    }

    /// Whether `token` can begin an operand, so that a `?` before it is the
    /// ternary's and not the try operator.
    private func startsExpression(_ token: Token) -> Bool {
        if token.newlineBefore { return false }
        switch token.kind {
        case .rParen, .rBrace, .rBracket, .comma, .semicolon, .dot, .colonColon, .question, .endOfFile,
             .plus, .slash, .percent, .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual,
             .ampAmp, .pipePipe, .kwAs, .fatArrow, .colon, .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual,
             .percentEqual, .pipe, .caret, .shl, .shr, .lBrace, .dotDot, .dotDotEqual:
            return false
        default:
            return true
        }
    }

    private mutating func parseStructLiteral(_ typeName: Name) -> ExprID {
        advance()
        let mark = scratch.fields.count
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            guard let fieldName = expectIdentifier("a field name") else { break }
            guard expect(.colon) else { break }
            let value = parseExpression()
            scratch.fields.append(FieldInitializer(name: fieldName, value: value))
            if !accept(.comma), kind != .rBrace, !current.newlineBefore {
                errorExpected("',' or '}' in a struct literal")
                break
            }
            if index == before { break }
        }
        _ = expect(.rBrace, "'}' to close the struct literal")
        let fields = tree.add(fields: scratch.fields[mark...])
        scratch.fields.removeLast(scratch.fields.count - mark)
        return tree.add(ExprNode(kind: .structLiteral(typeName: tree.add(name: typeName), fields: fields), span: span(from: typeName.span.start)))
    }

    private mutating func parseArrayLiteral() -> ExprID {
        let start = current.start
        advance()
        if accept(.rBracket) {
            return tree.add(ExprNode(kind: .arrayLiteral(tree.add(list: EmptyCollection())), span: span(from: start)))
        }
        let first = parseExpression()
        if accept(.semicolon) {
            let count = parseExpression()
            _ = expect(.rBracket)
            return tree.add(ExprNode(kind: .arrayRepeat(value: first, count: count), span: span(from: start)))
        }
        let mark = scratch.exprs.count
        scratch.exprs.append(first)
        while accept(.comma), kind != .rBracket, kind != .endOfFile {
            let element = parseExpression()
            scratch.exprs.append(element)
        }
        _ = expect(.rBracket, "']' to close the array literal")
        return tree.add(ExprNode(kind: .arrayLiteral(takeListedExprs(from: mark)), span: span(from: start)))
    }

    private mutating func parseIf() -> ExprID {
        let start = current.start
        advance()
        let condition = parseConditionExpression()
        let then = parseBlock()
        var otherwise: ExprID?
        if kind == .kwElseOrEnum || kind == .kwElse {
            advance()
            if kind == .kwIf {
                otherwise = parseIf()
            } else {
                let blockStart = current.start
                let block = parseBlock()
                otherwise = tree.add(ExprNode(kind: .block(block), span: span(from: blockStart)))
            }
        }
        return tree.add(ExprNode(kind: .ifElse(condition: condition, then: then, otherwise: otherwise), span: span(from: start)))
    }

    private mutating func parseMatch() -> ExprID {
        let start = current.start
        advance()
        let scrutinee = parseConditionExpression()
        let mark = scratch.arms.count
        if expect(.lBrace) {
            while kind != .rBrace, kind != .endOfFile {
                let before = index
                let pattern = parsePattern()
                let condition = accept(.kwIf) ? parseConditionExpression() : nil
                if expect(.fatArrow) {
                    let body = parseExpression()
                    scratch.arms.append(MatchArm(pattern: pattern, condition: condition, body: body))
                } else {
                    // Keep a placeholder arm so the match is not reported as
                    // missing the case that failed to parse.
                    let placeholder = tree.add(ExprNode(kind: .error, span: currentSpan))
                    scratch.arms.append(MatchArm(pattern: .error(currentSpan), body: placeholder))
                    synchronizeStatement()
                }
                if !accept(.comma), kind != .rBrace, !current.newlineBefore {
                    errorExpected("',' or '}' after a match arm")
                    synchronizeStatement()
                }
                if index == before { advance() }
            }
            _ = expect(.rBrace)
        }
        let arms = tree.add(arms: scratch.arms[mark...])
        scratch.arms.removeLast(scratch.arms.count - mark)
        return tree.add(ExprNode(kind: .match(scrutinee: scrutinee, arms: arms), span: span(from: start)))
    }

    private mutating func parseLoop() -> ExprID {
        let start = current.start
        let keyword = advance().kind
        let header: LoopHeader
        if keyword == .kwLoop, kind == .lBrace {
            header = .forever
        } else if kind == .identifier, peekKind() == .colon || (peekKind() == .identifier && text(of: peekToken(1)) == "in") {
            let variableToken = advance()
            let variable = spelledName(variableToken)
            advance()
            let lower = parseConditionExpression()
            if kind == .dotDot || kind == .dotDotEqual {
                let inclusive = advance().kind == .dotDotEqual
                let upper = parseConditionExpression()
                header = .range(variable: variable, lower: lower, upper: upper, inclusive: inclusive)
            } else {
                header = .elements(variable: variable, sequence: lower)
            }
        } else if keyword == .kwFor {
            errorExpected("a loop variable such as 'i: 0..10'")
            header = .forever
        } else {
            header = .whileTrue(parseConditionExpression())
        }
        let body = parseBlock()
        return tree.add(ExprNode(kind: .loop(tree.add(header: header), body: body), span: span(from: start)))
    }
}

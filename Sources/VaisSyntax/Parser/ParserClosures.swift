extension Parser {
    /// `|x, y: i64| body`, `|| body` or `|x: i64| -> i64 { ... }` (a
    /// written result type needs a block body), from its first `|`.
    mutating func parseClosure() -> ExprID {
        let start = current.start
        var parameters: [ClosureParameter] = []
        if advance().kind == .pipe {
            while kind != .pipe, kind != .endOfFile {
                let before = index
                guard let name = expectIdentifier("a closure parameter name") else { break }
                var type: TypeSyntax?
                if accept(.colon) { type = parseType() }
                parameters.append(ClosureParameter(name: name, type: type))
                if !accept(.comma) || index == before { break }
            }
            _ = expect(.pipe, "'|' after the closure's parameters")
        }
        var result: TypeSyntax?
        if accept(.arrow) {
            result = parseType()
            guard kind == .lBrace else {
                errorExpected("'{' before the body of a closure with a result type")
                return tree.add(ExprNode(kind: .error, span: span(from: start)))
            }
        }
        let body = parseExpression()
        return tree.add(ExprNode(kind: .closure(parameters: parameters, result: result, body: body), span: span(from: start)))
    }

    /// `|i64, i64| -> i64` or `|| -> i64`, from its first `|`: the same
    /// type as `fn(i64, i64) -> i64`.
    mutating func parseClosureType() -> TypeSyntax {
        let start = current.start
        var parameters: [TypeSyntax] = []
        if advance().kind == .pipe {
            while kind != .pipe, kind != .endOfFile {
                let before = index
                parameters.append(parseType())
                if !accept(.comma) || index == before { break }
            }
            _ = expect(.pipe, "'|' after the parameter types")
        }
        var result: TypeSyntax?
        if accept(.arrow) { result = parseType() }
        return .function(parameters: parameters, result: result, span(from: start))
    }

    /// Whether `D` (or `defer`) here starts a deferred statement rather than
    /// naming something: it is followed, on the same line, by a block or
    /// by something that begins an expression other than a call or an operator.
    var startsDefer: Bool {
        guard kind == .identifier, spells(current, "D") || spells(current, "defer") else { return false }
        let next = peekToken(1)
        guard !next.newlineBefore else { return false }
        switch next.kind {
        case .lBrace, .identifier, .kwSelf, .at, .star:
            return true
        default:
            return false
        }
    }

    /// `D expr` or `D { ... }`.
    mutating func parseDefer() -> StmtID {
        let start = current.start
        advance()
        let value = parseExpression()
        return tree.add(StmtNode(kind: .deferred(value), span: span(from: start)))
    }
}

extension Parser {
    /// `|x, y: i64| body`, `|| body` or `|x: i64| -> i64 { ... }` (a
    /// written result type needs a block body), from its first `|`.
    mutating func parseClosure() -> ExprID {
        let start = current.start
        let parameters = parsePipeList("'|' after the closure's parameters") { parser -> ClosureParameter? in
            guard let name = parser.expectIdentifier("a closure parameter name") else { return nil }
            return ClosureParameter(name: name, type: parser.accept(.colon) ? parser.parseType() : nil)
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
        return tree.add(ExprNode(kind: .closure(tree.add(signature: ClosureSignature(parameters: parameters, result: result)), body: body), span: span(from: start)))
    }

    /// `|i64, i64| -> i64` or `|| -> i64`, from its first `|`: the same
    /// type as `fn(i64, i64) -> i64`.
    mutating func parseClosureType() -> TypeSyntax {
        let start = current.start
        let parameters = parsePipeList("'|' after the parameter types") { parser -> TypeSyntax? in parser.parseType() }
        var result: TypeSyntax?
        if accept(.arrow) { result = parseType() }
        return .function(parameters: parameters, result: result, span(from: start))
    }

    /// The comma-separated items between `|` and `|`, each read by `item`
    /// (none after `||`), from the first `|`.
    private mutating func parsePipeList<Item>(_ closing: String, _ item: (inout Parser) -> Item?) -> [Item] {
        var items: [Item] = []
        guard advance().kind == .pipe else { return items }
        while kind != .pipe, kind != .endOfFile {
            let before = index
            guard let next = item(&self) else { break }
            items.append(next)
            if !accept(.comma) || index == before { break }
        }
        _ = expect(.pipe, closing)
        return items
    }

    /// Whether `D` (or `defer`) here starts a deferred statement rather than
    /// naming something: it is followed, on the same line, by a block or
    /// by something that begins an expression other than a call or an operator.
    @inline(__always)
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

extension Parser {
    /// `{ statement* tail? }`
    mutating func parseBlock() -> BlockID {
        let open = current
        let start = open.start
        guard expect(.lBrace) else {
            return tree.add(Block(statements: [], tail: nil, span: span(from: start)))
        }
        depth += 1
        defer { depth -= 1 }
        var statements: [StmtID] = []
        var tail: ExprID?
        while kind != .rBrace, kind != .endOfFile {
            let before = index
            if let pending = tail {
                statements.append(tree.add(StmtNode(kind: .expression(pending), span: tree[pending].span)))
                tail = nil
            }
            if accept(.semicolon) { continue }
            switch parseStatement() {
            case .statement(let id):
                statements.append(id)
            case .statements(let ids):
                statements.append(contentsOf: ids)
            case .expression(let id):
                if accept(.semicolon) {
                    statements.append(tree.add(StmtNode(kind: .expression(id), span: tree[id].span)))
                } else {
                    tail = id
                }
            case .failed:
                synchronizeStatement()
            }
            if index == before { advance() }
        }
        if kind == .endOfFile {
            diagnostics.error("P016", "unterminated block: end of file before its closing '}'", at: span(of: open))
        } else {
            advance()
        }
        return tree.add(Block(statements: statements, tail: tail, span: span(from: start)))
    }

    enum ParsedStatement {
        case statement(StmtID)
        /// What one written statement stands for (a destructuring).
        case statements([StmtID])
        case expression(ExprID)
        case failed
    }

    private mutating func parseStatement() -> ParsedStatement {
        recovering = false
        let start = current.start
        if kind == .identifier, peekKind() == .colonEqual || peekKind() == .colon {
            return parseBinding()
        }
        if kind == .identifier, peekKind() == .identifier || peekKind() == .kwMut, spells(current, "let") {
            scratch.writesNewerSpelling = true
            return parseLetBinding()
        }
        if let names = destructuredNames() {
            return parseDestructuring(names)
        }
        if startsDefer {
            let statement = parseDefer()
            guard finishStatement() else { return .failed }
            return .statement(statement)
        }
        let errorsBefore = diagnostics.all.count
        let expression = parseExpression()
        if let assignment = assignmentOperator(kind) {
            let operatorSpan = currentSpan
            advance()
            let value = parseExpression()
            guard finishStatement() else { return .failed }
            let node = StmtNode(kind: .assignment(assignment, target: expression, value: value, operatorSpan: operatorSpan),
                                span: span(from: start))
            return .statement(tree.add(node))
        }
        if diagnostics.all.count > errorsBefore, !atStatementEnd { return .failed }
        guard finishStatement() else { return .failed }
        return .expression(expression)
    }

    private mutating func parseBinding() -> ParsedStatement {
        let start = current.start
        let nameToken = advance()
        let name = spelledName(nameToken)
        var type: TypeSyntax?
        if accept(.colon) {
            type = parseType()
            guard accept(.colonEqual) || accept(.equal) else {
                errorExpected("':=' or '='")
                return .failed
            }
        } else {
            advance()
        }
        let mutable = accept(.kwMut)
        let value = parseExpression()
        guard finishStatement() else { return .failed }
        let node = StmtNode(kind: .binding(name: name, mutable: mutable, type: type, value: value), span: span(from: start))
        return .statement(tree.add(node))
    }

    /// `let x = v`, `let mut x: T = v`: the long spelling of `x := v`.
    private mutating func parseLetBinding() -> ParsedStatement {
        let start = current.start
        advance()
        let mutable = accept(.kwMut)
        guard let name = expectIdentifier("a name") else { return .failed }
        let type = accept(.colon) ? parseType() : nil
        guard expect(.equal, "'='") else { return .failed }
        let value = parseExpression()
        guard finishStatement() else { return .failed }
        let node = StmtNode(kind: .binding(name: name, mutable: mutable, type: type, value: value), span: span(from: start))
        return .statement(tree.add(node))
    }

    /// A statement ends at `;`, a line break, `}` or the end of the file.
    private mutating func finishStatement() -> Bool {
        if atStatementEnd { return true }
        if reportRangeValue() { return false }
        errorExpected("end of statement (a line break or ';')")
        return false
    }

    private func assignmentOperator(_ kind: TokenKind) -> AssignmentOperator? {
        switch kind {
        case .equal: return .assign
        case .plusEqual: return .add
        case .minusEqual: return .subtract
        case .starEqual: return .multiply
        case .slashEqual: return .divide
        case .percentEqual: return .remainder
        default: return nil
        }
    }

    /// `(a, b) := value`: the names, if the statement starts so.
    private func destructuredNames() -> [Int]? {
        guard kind == .lParen else { return nil }
        var offset = 1
        var names: [Int] = []
        while peekKind(offset) == .identifier {
            names.append(offset)
            offset += 1
            if peekKind(offset) == .comma { offset += 1 } else { break }
        }
        guard names.count >= 2, peekKind(offset) == .rParen, peekKind(offset + 1) == .colonEqual else { return nil }
        return names
    }

    /// `(a, b) := value` as the bindings it stands for: the value under a
    /// name no program can write, then `a := that.0`, `b := that.1`.
    private mutating func parseDestructuring(_ offsets: [Int]) -> ParsedStatement {
        let start = current.start
        let open = currentSpan
        let names = offsets.map { Name(text(of: peekToken($0)), span(of: peekToken($0))) }
        while kind != .colonEqual { advance() }
        advance()
        let mutable = accept(.kwMut)
        let value = parseExpression()
        guard finishStatement() else { return .failed }
        let hidden = Name("(tuple)", open)
        var statements = [tree.add(StmtNode(kind: .binding(name: hidden, mutable: false, type: nil, value: value), span: span(from: start)))]
        for (position, name) in names.enumerated() {
            let base = tree.add(ExprNode(kind: .name(tree.add(text: hidden.text)), span: open))
            let element = tree.add(ExprNode(kind: .field(base: base, name: tree.add(name: Name(String(position), name.span))), span: name.span))
            statements.append(tree.add(StmtNode(kind: .binding(name: name, mutable: mutable, type: nil, value: element), span: name.span)))
        }
        return .statements(statements)
    }
}

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
        case expression(ExprID)
        case failed
    }

    private mutating func parseStatement() -> ParsedStatement {
        recovering = false
        let start = current.start
        if kind == .identifier, peekKind() == .colonEqual || peekKind() == .colon {
            return parseBinding()
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
        let name = Name(text(of: nameToken), span(of: nameToken))
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

    /// A statement ends at `;`, a line break, `}` or the end of the file.
    private mutating func finishStatement() -> Bool {
        if atStatementEnd { return true }
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
}

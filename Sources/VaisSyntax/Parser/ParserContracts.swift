/// Contracts: `#[requires(c)]` and `#[ensures(c)]` before a function (in
/// `ensures`, `return` names the result), and refinement types
/// `{x: T | p}` on its parameters and result, which mean the same.
/// They are spelled out here as checks around the body, which stop the
/// program with a message naming the contract when one is broken.
struct Contract {
    let isEnsures: Bool
    let condition: ExprID
    let text: String
    let span: SourceSpan
}

extension Parser {
    /// The name `return` stands for in an `ensures`, and the built-in a
    /// broken contract calls: neither is a name a program can write.
    public static let contractResultName = "(result)"
    public static let contractViolationName = "(contract violated)"

    /// `(condition)` after `requires` or `ensures`.
    mutating func parseContract(isEnsures: Bool, keyword: Name) -> Contract? {
        guard expect(.lParen) else { return nil }
        let start = current.start
        readingEnsures = isEnsures
        let condition = parseExpression()
        readingEnsures = false
        let text = sourceText(from: start)
        guard expect(.rParen) else { return nil }
        return Contract(isEnsures: isEnsures, condition: condition, text: "\(keyword.text)(\(text))", span: keyword.span)
    }

    /// What was written from `start` to the last token read (nothing when
    /// no token was: a cut-off file).
    private func sourceText(from start: UInt32) -> String {
        guard previousEnd > start else { return "" }
        return String(decoding: file.bytes[Int(start)..<Int(previousEnd)], as: UTF8.self)
    }

    /// The rest of `{x: T | p}` after its `{`: the type `T`, with `p` kept
    /// as a contract on the parameter or result being read.
    mutating func parseRefinementType() -> TypeSyntax {
        let open = current.start
        advance()
        guard let binder = expectIdentifier("a name"), expect(.colon) else { return .error(span(from: open)) }
        let type = parseType()
        guard expect(.pipe, "'|' before the refinement's condition") else { return .error(span(from: open)) }
        let start = current.start
        let predicate = parseExpression()
        let text = sourceText(from: start)
        _ = expect(.rBrace, "'}' to close the refinement type")
        pendingRefinements.append((binder, predicate, text))
        return type
    }

    /// A refinement of the value `subject` names, as a contract: `{ x := subject; p }`.
    mutating func refinementContract(_ refinement: (binder: Name, predicate: ExprID, text: String), subject: String,
                                     isEnsures: Bool) -> Contract {
        let span = refinement.binder.span
        let value = tree.add(ExprNode(kind: .name(tree.add(text: subject)), span: span))
        let binding = tree.add(StmtNode(kind: .binding(name: refinement.binder, mutable: false, type: nil, value: value), span: span))
        let block = tree.add(Block(statements: [binding], tail: refinement.predicate, span: span))
        let condition = tree.add(ExprNode(kind: .block(block), span: span))
        let keyword = isEnsures ? "ensures" : "requires"
        return Contract(isEnsures: isEnsures, condition: condition,
                        text: "\(keyword)(\(refinement.binder.text): \(refinement.text))", span: span)
    }

    /// `#[contract(safe_div)]` (or `#[contract]`): `p != 0` for each
    /// parameter `p` that divides in the body read as `expressions`.
    mutating func divisorContracts(_ expressions: Range<Int>, parameters: [Parameter], at span: SourceSpan) -> [Contract] {
        var divisors: [String] = []
        for index in expressions {
            guard case .binary(let op, _, let right, _) = tree.exprs[index].kind, op == .divide || op == .remainder,
                  case .name(let text) = tree[right].kind, case let name = tree[text], parameters.contains(where: { $0.name.text == name }),
                  !divisors.contains(name) else { continue }
            divisors.append(name)
        }
        return divisors.map { name in
            let value = tree.add(ExprNode(kind: .name(tree.add(text: name)), span: span))
            let zero = tree.add(ExprNode(kind: .integer(0), span: span))
            let condition = tree.add(ExprNode(kind: .binary(.notEqual, value, zero, operatorAt: span.start), span: span))
            return Contract(isEnsures: false, condition: condition, text: "contract(safe_div): \(name) != 0", span: span)
        }
    }

    /// `decl` with its contracts checked: the `requires` before the body;
    /// with any `ensures`, the body moves to a function of its own that a
    /// checking function of the original name calls.
    mutating func applyContracts(_ contracts: [Contract], to decl: FunctionDecl) -> [FunctionDecl] {
        guard let first = contracts.first else { return [decl] }
        if decl.body.isExternal {
            reportUnsupported("contracts on C functions", at: first.span)
            return [decl]
        }
        let requires = contracts.filter { !$0.isEnsures }.map { check($0, in: decl.name) }
        let ensures = contracts.filter(\.isEnsures).map { check($0, in: decl.name) }
        guard !ensures.isEmpty else {
            return [replacingBody(of: decl, name: decl.name, isHot: decl.isHot, with: requires + statements(of: decl.body), tail: tail(of: decl.body))]
        }
        let inner = Name(decl.name.text + ".body", decl.name.span)
        let span = decl.name.span
        let callee = tree.add(ExprNode(kind: .name(tree.add(text: inner.text)), span: span))
        let arguments = decl.parameters.map { tree.add(ExprNode(kind: .name(tree.add(text: $0.name.text)), span: span)) }
        let call = tree.add(ExprNode(kind: .call(callee: callee, arguments: tree.add(list: arguments)), span: span))
        let result = Name(Self.contractResultName, span)
        let binding = tree.add(StmtNode(kind: .binding(name: result, mutable: false, type: nil, value: call), span: span))
        let value = tree.add(ExprNode(kind: .name(tree.add(text: result.text)), span: span))
        // Hot with its body: both then live in the hot part, with the strings they use.
        let checking = replacingBody(of: decl, name: decl.name, isHot: decl.isHot, with: requires + [binding] + ensures, tail: value)
        let body = FunctionDecl(name: inner, selfParameter: nil, parameters: decl.parameters, isVariadic: false,
                                returnType: decl.returnType, body: decl.body, isHot: decl.isHot, span: decl.span,
                                genericParameters: decl.genericParameters, genericBounds: decl.genericBounds)
        return [checking, body]
    }

    /// A method with its `requires` checked; an `ensures` (or a refined
    /// result) would need a wrapper method, which is not written yet.
    mutating func checkedMethod(_ method: FunctionDecl, _ contracts: [Contract]) -> FunctionDecl {
        if let ensures = contracts.first(where: \.isEnsures) {
            reportUnsupported("`ensures` and refined results on methods", at: ensures.span)
            return method
        }
        return contracts.isEmpty ? method : applyContracts(contracts, to: method)[0]
    }

    private mutating func check(_ contract: Contract, in function: Name) -> StmtID {
        // The message is spanned within the function, so that a hot part,
        // which holds the strings its functions' spans hold, defines it.
        let test = stopUnless(contract.condition, "contract violated: \(contract.text) of `\(function.text)`",
                              at: contract.span, messageSpan: function.span)
        return tree.add(StmtNode(kind: .expression(test), span: contract.span))
    }

    /// `assert(c)`, the original's run-time assertion, as a check of its own.
    mutating func assertion(_ condition: ExprID, at span: SourceSpan) -> ExprID {
        let written = tree[condition].span
        let text = String(decoding: file.bytes[Int(written.start)..<Int(written.end)], as: UTF8.self)
        return stopUnless(condition, "assertion failed: assert(\(text))", at: span, messageSpan: span)
    }

    /// `I !(condition) { (contract violated)("<what> at file.vais:LINE") }`
    private mutating func stopUnless(_ condition: ExprID, _ what: String, at span: SourceSpan, messageSpan: SourceSpan) -> ExprID {
        let fileName = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let line = file.lineAndColumn(of: span.start).line
        // The message is printed as a format: a `%` in it is doubled.
        let message = "\(what) at \(fileName):\(line)\n".flatMap { $0 == "%" ? ["%", "%"] : [$0] }
        let text = tree.add(ExprNode(kind: .string(tree.add(bytes: Array(String(message).utf8))), span: messageSpan))
        let callee = tree.add(ExprNode(kind: .name(tree.add(text: Self.contractViolationName)), span: span))
        let call = tree.add(ExprNode(kind: .call(callee: callee, arguments: tree.add(list: [text])), span: span))
        let stop = tree.add(StmtNode(kind: .expression(call), span: span))
        let broken = tree.add(ExprNode(kind: .unary(.not, condition), span: span))
        let then = tree.add(Block(statements: [stop], tail: nil, span: span))
        return tree.add(ExprNode(kind: .ifElse(condition: broken, then: then, otherwise: nil), span: span))
    }

    private func statements(of body: FunctionBody) -> [StmtID] {
        if case .block(let block) = body { return tree[block].statements }
        return []
    }

    private func tail(of body: FunctionBody) -> ExprID? {
        switch body {
        case .block(let block): return tree[block].tail
        case .expression(let expr): return expr
        case .external: return nil
        }
    }

    private mutating func replacingBody(of decl: FunctionDecl, name: Name, isHot: Bool, with statements: [StmtID], tail: ExprID?) -> FunctionDecl {
        let block = tree.add(Block(statements: statements, tail: tail, span: decl.span))
        return FunctionDecl(name: name, selfParameter: decl.selfParameter, parameters: decl.parameters, isVariadic: decl.isVariadic,
                            returnType: decl.returnType, body: .block(block), isHot: isHot, span: decl.span,
                            genericParameters: decl.genericParameters, genericBounds: decl.genericBounds)
    }
}

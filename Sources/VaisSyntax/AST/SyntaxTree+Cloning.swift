/// Copies of function bodies, for generics: each specialization of a
/// generic function is checked and lowered as a function of its own, and
/// the checker records a type per expression ID, so each needs its own
/// nodes. Spans stay those of the template, so diagnostics and debug lines
/// point at the source as written; payloads that hold no expression
/// (names, types as written, closure signatures) are shared.
extension SyntaxTree {
    /// `decl` with a fresh copy of its body, appended to the tree.
    public mutating func cloneFunction(_ decl: FunctionDecl) -> FunctionDecl {
        let body: FunctionBody
        switch decl.body {
        case .block(let block): body = .block(cloneBlock(block))
        case .expression(let expr): body = .expression(clone(expr))
        case .external: body = .external
        }
        return FunctionDecl(name: decl.name, selfParameter: decl.selfParameter, parameters: decl.parameters,
                            isVariadic: decl.isVariadic, returnType: decl.returnType, body: body, isHot: decl.isHot,
                            span: decl.span, genericParameters: decl.genericParameters,
                            genericBounds: decl.genericBounds)
    }

    private mutating func cloneBlock(_ id: BlockID) -> BlockID {
        let block = self[id]
        let statements = block.statements.map { cloneStatement($0) }
        let tail = block.tail.map { clone($0) }
        return add(Block(statements: statements, tail: tail, span: block.span))
    }

    private mutating func cloneStatement(_ id: StmtID) -> StmtID {
        let node = self[id]
        let kind: StmtKind
        switch node.kind {
        case .binding(let name, let mutable, let type, let value):
            kind = .binding(name: name, mutable: mutable, type: type, value: clone(value))
        case .assignment(let op, let target, let value, let operatorSpan):
            kind = .assignment(op, target: clone(target), value: clone(value), operatorSpan: operatorSpan)
        case .expression(let expr):
            kind = .expression(clone(expr))
        case .deferred(let expr):
            kind = .deferred(clone(expr))
        }
        return add(StmtNode(kind: kind, span: node.span))
    }

    private mutating func clone(_ id: ExprID) -> ExprID {
        let node = self[id]
        let kind: ExprKind
        switch node.kind {
        case .integer, .float, .string, .bool, .name, .selfFunction, .breakLoop, .continueLoop, .error:
            kind = node.kind
        case .unary(let op, let operand):
            kind = .unary(op, clone(operand))
        case .binary(let op, let left, let right, let operatorAt):
            kind = .binary(op, clone(left), clone(right), operatorAt: operatorAt)
        case .call(let callee, let arguments):
            let copies = cloneList(arguments)
            kind = .call(callee: clone(callee), arguments: copies)
        case .field(let base, let name):
            kind = .field(base: clone(base), name: name)
        case .index(let base, let index):
            kind = .index(base: clone(base), index: clone(index))
        case .cast(let operand, let type, let asAt):
            kind = .cast(clone(operand), type, asAt: asAt)
        case .structLiteral(let typeName, let fields):
            let copies = self[fields].map { FieldInitializer(name: $0.name, value: clone($0.value)) }
            kind = .structLiteral(typeName: typeName, fields: add(fields: copies))
        case .arrayLiteral(let elements):
            kind = .arrayLiteral(cloneList(elements))
        case .tuple(let elements):
            kind = .tuple(cloneList(elements))
        case .arrayRepeat(let value, let count):
            kind = .arrayRepeat(value: clone(value), count: count)
        case .ifElse(let condition, let then, let otherwise):
            kind = .ifElse(condition: clone(condition), then: cloneBlock(then), otherwise: otherwise.map { clone($0) })
        case .ternary(let condition, let then, let otherwise):
            kind = .ternary(condition: clone(condition), then: clone(then), otherwise: clone(otherwise))
        case .match(let scrutinee, let arms):
            let copies = self[arms].map { MatchArm(pattern: $0.pattern, condition: $0.condition.map { clone($0) }, body: clone($0.body)) }
            kind = .match(scrutinee: clone(scrutinee), arms: add(arms: copies))
        case .block(let block):
            kind = .block(cloneBlock(block))
        case .loop(let header, let body):
            kind = .loop(add(header: cloneHeader(self[header])), body: cloneBlock(body))
        case .returnValue(let value):
            kind = .returnValue(value.map { clone($0) })
        case .parenthesized(let inner):
            kind = .parenthesized(clone(inner))
        case .tryPropagate(let inner):
            kind = .tryPropagate(clone(inner))
        case .unwrap(let inner, let message):
            kind = .unwrap(clone(inner), message: message)
        case .closure(let signature, let body):
            kind = .closure(signature, body: clone(body))
        }
        let copy = add(ExprNode(kind: kind, span: node.span))
        if let arguments = typeArguments[id] { typeArguments[copy] = arguments }
        return copy
    }

    /// Copies of a list's expressions, gathered on the stack.
    private mutating func cloneList(_ id: ExprListID) -> ExprListID {
        let list = self[id]
        guard !list.isEmpty else { return add(list: list) }
        return withUnsafeTemporaryAllocation(of: ExprID.self, capacity: list.count) { copies in
            for (offset, element) in list.enumerated() { copies.initializeElement(at: offset, to: clone(element)) }
            return add(list: copies)
        }
    }

    private mutating func cloneHeader(_ header: LoopHeader) -> LoopHeader {
        switch header {
        case .forever:
            return .forever
        case .whileTrue(let condition):
            return .whileTrue(clone(condition))
        case .range(let variable, let lower, let upper, let inclusive):
            return .range(variable: variable, lower: clone(lower), upper: clone(upper), inclusive: inclusive)
        case .elements(let variable, let sequence):
            return .elements(variable: variable, sequence: clone(sequence))
        }
    }
}

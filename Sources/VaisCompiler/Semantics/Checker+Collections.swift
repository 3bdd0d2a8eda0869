import VaisSyntax

/// `std/vec`'s `Vec<T>` is a struct written in Vais (`data: *T, len: i64,
/// cap: i64`); indexing it and walking it with `L x: v` are spelled out
/// here in terms of those fields, as the checker rewrites them.
extension Checker {
    static let vectorTemplate = "Vec"

    /// The element type if `type` is (a pointer to) a `Vec<T>` with the
    /// fields `data` and `len` this relies on.
    @inline(__always)
    func vectorElement(_ type: TypeID) -> TypeID? {
        let (target, _) = peelPointers(type)
        guard let instance = instanceOrigins[target], instance.template == Self.vectorTemplate,
              case .structure(let id) = model.types[target],
              let data = model.structs[id.index].fieldIndex("data"), model.structs[id.index].fieldIndex("len") != nil,
              let element = model.types.pointee(model.structs[id.index].fields[data].type) else { return nil }
        return element
    }

    /// Whether `expr` is the `data` field of a `Vec`: indexing it is
    /// pointer indexing, also when the elements are `Vec`s themselves
    /// (`Vec<Vec<i64>>`, whose `data` is a `*Vec<i64>`).
    func isVectorStorage(_ expr: ExprID) -> Bool {
        guard case .field(let owner, let name) = tree[expr].kind, tree[name].text == "data" else { return false }
        return vectorElement(model.exprTypes[owner.index]) != nil
    }

    /// `v[i]` on a `Vec` becomes `v.data[i]`; returns the element type.
    mutating func rewriteVectorIndex(_ id: ExprID, base: ExprID, index: ExprID) -> TypeID {
        let data = tree.append(ExprNode(kind: .field(base: base, name: tree.add(name: Name("data", tree[base].span))), span: tree[base].span))
        tree.replaceKind(of: id, with: .index(base: data, index: index))
        growExpressionTables()
        let dataType = checkExpression(data, expected: nil)
        return model.types.pointee(dataType) ?? .error
    }

    /// `a.len()` on an array `[T; N]` becomes `N`; `a.sum()` becomes
    /// `{ (sum) := mut a[0]; L (index): 1..N { (sum) += a[(index)] }; (sum) }`
    /// (0 for an empty array), so `a` is read once per element.
    mutating func rewriteArrayMethod(_ id: ExprID, base: ExprID, name: Name, count: Int, expected: TypeID?) -> TypeID {
        let span = tree[id].span
        guard name.text == "sum", count > 0 else {
            tree.replaceKind(of: id, with: .integer(name.text == "len" ? UInt64(count) : 0))
            return checkExpression(id, expected: expected)
        }
        // Locals are told apart by where they are bound: one at each end of the call.
        let total = Name("(sum)", SourceSpan(file: span.file, start: span.start, end: span.start))
        let counter = Name("(index)", SourceSpan(file: span.file, start: span.end, end: span.end))
        let first = tree.append(ExprNode(kind: .index(base: base, index: tree.append(ExprNode(kind: .integer(0), span: span))), span: span))
        let start = tree.append(StmtNode(kind: .binding(name: total, mutable: true, type: nil, value: first), span: span))
        let element = tree.append(ExprNode(kind: .index(base: base, index: tree.append(ExprNode(kind: .name(tree.add(text: counter.text)), span: span))), span: span))
        let add = tree.append(StmtNode(kind: .assignment(.add, target: tree.append(ExprNode(kind: .name(tree.add(text: total.text)), span: span)), value: element,
                                                         operatorSpan: span), span: span))
        let body = tree.append(Block(statements: [add], tail: nil, span: span))
        let range = LoopHeader.range(variable: counter, lower: tree.append(ExprNode(kind: .integer(1), span: span)),
                                   upper: tree.append(ExprNode(kind: .integer(UInt64(count)), span: span)), inclusive: false)
        let loop = tree.append(ExprNode(kind: .loop(tree.add(header: range), body: body), span: span))
        let walk = tree.append(StmtNode(kind: .expression(loop), span: span))
        let block = tree.append(Block(statements: [start, walk], tail: tree.append(ExprNode(kind: .name(tree.add(text: total.text)), span: span)), span: span))
        tree.replaceKind(of: id, with: .block(block))
        growExpressionTables()
        return checkExpression(id, expected: expected)
    }

    /// `L x: v { body }` on a `Vec` becomes `L i: 0..v.len { x := v.data[i]; body }`
    /// (with a name no program can write for `i`). `v` must be a place, as
    /// it is read again on every turn.
    mutating func rewriteVectorLoop(_ id: ExprID, variable: Name, sequence: ExprID, body: BlockID, used: Bool) -> TypeID {
        if case .none = placeRoot(of: sequence) {
            error("E016", "`L x: ...` walks a `Vec` held in a variable or field; bind this one to a name first", at: tree[sequence].span)
            return .error
        }
        let span = tree[sequence].span
        let counter = Name("(index)", SourceSpan(file: variable.span.file, start: variable.span.start, end: variable.span.start))
        let zero = tree.append(ExprNode(kind: .integer(0), span: span))
        let length = tree.append(ExprNode(kind: .field(base: sequence, name: tree.add(name: Name("len", span))), span: span))
        let position = tree.append(ExprNode(kind: .name(tree.add(text: counter.text)), span: span))
        let data = tree.append(ExprNode(kind: .field(base: sequence, name: tree.add(name: Name("data", span))), span: span))
        let element = tree.append(ExprNode(kind: .index(base: data, index: position), span: span))
        let binding = tree.append(StmtNode(kind: .binding(name: variable, mutable: false, type: nil, value: element), span: variable.span))
        let original = tree[body]
        let newBody = tree.append(Block(statements: [binding] + original.statements, tail: original.tail, span: original.span))
        let header = tree.add(header: .range(variable: counter, lower: zero, upper: length, inclusive: false))
        tree.replaceKind(of: id, with: .loop(header, body: newBody))
        growExpressionTables()
        return checkExpression(id, expected: nil, used: used)
    }
}

import VaisSyntax

/// The newer spelling's `Map<K, V>` and `List<T>` are structs written in
/// Vais (`std/map.vais`, `std/list.vais`), each a handle on a table on the
/// heap. What Vais cannot say is spelled out here: `{}` and `[...]` where
/// one is expected, `a = b` as copying `b`'s entries into `a`'s table, and
/// indexing and walking a List.
extension Checker {
    /// The handle field each collection's struct has, which tells it from a
    /// program's own struct of the same name.
    private static let handleFields = ["Map": "table", "List": "items"]

    /// `"Map"` or `"List"` if `type` is a specialization of one.
    @inline(__always)
    func collectionName(_ type: TypeID) -> String? {
        guard let instance = instanceOrigins[type], let handle = Self.handleFields[instance.template],
              case .structure(let id) = model.types[type], model.structs[id.index].fields.count == 1,
              model.structs[id.index].fieldIndex(handle) != nil else { return nil }
        return instance.template
    }

    /// `{}` where a Map is expected is `Map.new()`; `[]` where a List is,
    /// `List.new()`, and `[a, b]` is `List.from_array([a, b], 2)`, the array
    /// made in the frame and copied. Nil when `id` is none of these. Only
    /// an empty block comes here.
    mutating func rewriteCollectionLiteral(_ id: ExprID, expected: TypeID) -> TypeID? {
        guard let collection = collectionName(expected) else { return nil }
        let span = tree[id].span
        switch tree[id].kind {
        case .block:
            guard collection == "Map" else {
                error("E003", "`{}` is an empty Map; an empty List is written `[]`", at: span)
                return .error
            }
            tree.replaceKind(of: id, with: .call(callee: associatedFunction("new", of: "Map", span), arguments: tree.add(list: [])))
        case .arrayLiteral(let elements) where collection == "Map":
            guard tree[elements].isEmpty else { return nil }
            error("E003", "`[]` is an empty List; an empty Map is written `{}`", at: span)
            return .error
        case .arrayLiteral(let elements) where tree[elements].isEmpty:
            tree.replaceKind(of: id, with: .call(callee: associatedFunction("new", of: "List", span), arguments: tree.add(list: [])))
        case .arrayLiteral(let elements):
            let array = tree.append(ExprNode(kind: .arrayLiteral(elements), span: span))
            let count = tree.append(ExprNode(kind: .integer(UInt64(tree[elements].count)), span: span))
            tree.replaceKind(of: id, with: .call(callee: associatedFunction("from_array", of: "List", span), arguments: tree.add(list: [array, count])))
        default:
            return nil
        }
        growExpressionTables()
        return checkExpression(id, expected: expected)
    }

    /// `Map.new` or `List.from_array`, whose type arguments come from the type expected.
    private mutating func associatedFunction(_ name: String, of collection: String, _ span: SourceSpan) -> ExprID {
        let type = tree.append(ExprNode(kind: .name(tree.add(text: collection)), span: span))
        return tree.append(ExprNode(kind: .field(base: type, name: tree.add(name: Name(name, span))), span: span))
    }

    /// `a = b` of a Map or List is the statement `a.assign(b)`: the entries
    /// are copied into `a`'s table, so that everyone holding `a` (a caller
    /// that passed it) sees them, and `a` may be a binding without `mut`.
    /// False when `target` is not a collection.
    mutating func rewriteCollectionAssignment(_ statement: StmtID, target: ExprID, targetType: TypeID, value: ExprID) -> Bool {
        guard collectionName(targetType) != nil else { return false }
        let span = tree[statement].span
        let callee = tree.append(ExprNode(kind: .field(base: target, name: tree.add(name: Name("assign", span))), span: span))
        let call = tree.append(ExprNode(kind: .call(callee: callee, arguments: tree.add(list: [value])), span: span))
        tree.replaceKind(of: statement, with: .expression(call))
        growExpressionTables()
        checkExpression(call, expected: nil, used: false)
        return true
    }

    /// `list[i]` is `list.items[i]`, which indexes the Vec behind the handle.
    mutating func rewriteListIndex(_ id: ExprID, base: ExprID, index: ExprID) -> TypeID {
        rewriteVectorIndex(id, base: itemsField(of: base), index: index)
    }

    /// `L x: list` walks `list.items`, as it walks a Vec. A List that is
    /// not in a variable or field (`for x in words()`) is first held in
    /// one, so that what makes it runs once:
    /// `{ (list) := words(); L x: (list) { ... } }`.
    mutating func rewriteListLoop(_ id: ExprID, variable: Name, sequence: ExprID, body: BlockID, used: Bool) -> TypeID {
        guard case .none = placeRoot(of: sequence) else {
            return rewriteVectorLoop(id, variable: variable, sequence: itemsField(of: sequence), body: body, used: used)
        }
        let span = tree[sequence].span
        let held = Name("(list)", SourceSpan(file: span.file, start: span.start, end: span.start))
        let binding = tree.append(StmtNode(kind: .binding(name: held, mutable: false, type: nil, value: sequence), span: span))
        let heldList = tree.append(ExprNode(kind: .name(tree.add(text: held.text)), span: span))
        let loop = tree.append(ExprNode(kind: .loop(tree.add(header: .elements(variable: variable, sequence: heldList)), body: body), span: tree[id].span))
        let walk = tree.append(StmtNode(kind: .expression(loop), span: tree[id].span))
        tree.replaceKind(of: id, with: .block(tree.append(Block(statements: [binding, walk], tail: nil, span: tree[id].span))))
        growExpressionTables()
        return checkExpression(id, expected: nil, used: used)
    }

    private mutating func itemsField(of list: ExprID) -> ExprID {
        let span = tree[list].span
        let items = tree.append(ExprNode(kind: .field(base: list, name: tree.add(name: Name("items", span))), span: span))
        growExpressionTables()
        return items
    }
}

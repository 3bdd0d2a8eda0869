import VaisSyntax

/// A `str`'s length and bytes, as the newer spelling writes them:
/// `s.len()` is `strlen(s)` and `s[i]` is `load_byte(str_to_ptr(s) + i)`,
/// a byte as an `i64`, rewritten here into those built-ins.
extension Checker {
    mutating func rewriteStringLength(_ id: ExprID, base: ExprID, expected: TypeID?) -> TypeID {
        let callee = builtinName("strlen", at: tree[id].span)
        tree.replaceKind(of: id, with: .call(callee: callee, arguments: tree.add(list: [base])))
        growExpressionTables()
        return checkExpression(id, expected: expected)
    }

    mutating func rewriteStringIndex(_ id: ExprID, base: ExprID, index: ExprID) -> TypeID {
        let span = tree[id].span
        let toPointer = builtinName("str_to_ptr", at: span)
        let address = tree.append(ExprNode(kind: .call(callee: toPointer, arguments: tree.add(list: [base])), span: span))
        let byte = tree.append(ExprNode(kind: .binary(.add, address, index, operatorAt: span.start), span: span))
        let loadByte = builtinName("load_byte", at: span)
        tree.replaceKind(of: id, with: .call(callee: loadByte, arguments: tree.add(list: [byte])))
        growExpressionTables()
        return checkExpression(id, expected: nil)
    }

    private mutating func builtinName(_ name: String, at span: SourceSpan) -> ExprID {
        tree.append(ExprNode(kind: .name(tree.add(text: name)), span: span))
    }
}

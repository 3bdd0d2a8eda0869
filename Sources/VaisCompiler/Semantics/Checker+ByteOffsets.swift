import VaisSyntax

/// The original's `load_byte(address, offset)` and `store_byte(address,
/// offset, value)`: the offset is added to the address, so they become
/// `load_byte(address + offset)` and `store_byte(address + offset, value)`
/// (a `str` address through `str_to_ptr`).
extension Checker {
    mutating func foldingByteOffset(_ id: ExprID, callee: ExprID, function: FunctionID, arguments: ExprList) -> ExprList {
        let symbol = model.functions[function.index]
        guard symbol.kind == .intrinsic, symbol.name == "load_byte" || symbol.name == "store_byte",
              arguments.count == symbol.parameters.count + 1 else { return arguments }
        let (base, offset) = (arguments[0], arguments[1])
        let span = tree[base].span.through(tree[offset].span)
        var address = base
        if checkExpression(base, expected: nil) == .str {
            let callee = tree.append(ExprNode(kind: .name(tree.add(text: "str_to_ptr")), span: span))
            address = tree.append(ExprNode(kind: .call(callee: callee, arguments: tree.add(list: [base])), span: span))
        }
        let sum = tree.append(ExprNode(kind: .binary(.add, address, offset, operatorAt: tree[offset].span.start), span: span))
        let folded = tree.add(list: [sum] + arguments.dropFirst(2))
        tree.replaceKind(of: id, with: .call(callee: callee, arguments: folded))
        growExpressionTables()
        return tree[folded]
    }
}

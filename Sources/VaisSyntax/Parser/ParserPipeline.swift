extension Parser {
    /// `|>` (a `|` touching a `>`): the pipe, not a bitwise or.
    @inline(__always)
    var atPipeArrow: Bool {
        kind == .pipe && peekKind() == .greater && peekToken(1).start == current.end
    }

    /// `x |> f` calls `f(x)`, and `x |> f(y)` calls `f(x, y)`: the piped
    /// value is the first argument. The pipe binds more loosely than every
    /// binary operator and chains left to right (`5 |> double |> add_ten`).
    mutating func parsePipeline(_ context: ExpressionContext) -> ExprID {
        var value = parseBinary(minimumPrecedence: 1, context)
        while atPipeArrow {
            guard addChainLink() else { return abandonTooDeepExpression() }
            advance()
            advance()
            let stage = parseBinary(minimumPrecedence: 1, context)
            let span = tree[value].span.through(tree[stage].span)
            if case .call(let callee, let arguments) = tree[stage].kind {
                value = tree.add(ExprNode(kind: .call(callee: callee, arguments: tree.add(list: [value] + tree[arguments])), span: span))
            } else {
                value = tree.add(ExprNode(kind: .call(callee: stage, arguments: tree.add(list: [value])), span: span))
            }
        }
        return value
    }
}

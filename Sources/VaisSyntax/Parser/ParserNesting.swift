extension Parser {
    /// Counts one more operator, cast or postfix in the current chain;
    /// false when the expression has grown past `maximumHeight`.
    mutating func addChainLink() -> Bool {
        chainLinks += 1
        return chainLinks + nestedHeight <= Self.maximumHeight
    }

    /// Reports an expression too deep for the compiler's tree walks (P017)
    /// and skips the rest of its statement. An error node stands in for it
    /// and the counts start again, so the checker never sees the deep tree
    /// and the enclosing expressions do not report it again.
    mutating func abandonTooDeepExpression() -> ExprID {
        let span = currentSpan
        if !recovering {
            diagnostics.error("P017", "expression is too deeply nested or too long (more than \(Self.maximumHeight) levels of operators "
                              + "and parentheses); split it into smaller expressions with local variables", at: span)
        }
        recovering = true
        skipRestOfStatement()
        (chainLinks, nestedHeight) = (0, 0)
        return tree.add(ExprNode(kind: .error, span: span))
    }

    /// Skips to the `}` that closes the statement's block, or to the first
    /// line that does not continue the statement, past the brackets it
    /// opened and those its enclosing expressions had open.
    private mutating func skipRestOfStatement() {
        var braces = 0
        var brackets = 0
        while kind != .endOfFile {
            switch kind {
            case .lBrace: braces += 1
            case .rBrace:
                if braces == 0 { return }
                braces -= 1
            case .lParen, .lBracket: brackets += 1
            case .rParen, .rBracket: brackets -= 1
            default: break
            }
            let continues = binaryOperator(kind) != nil || kind == .kwAs || kind == .dot
            advance()
            if current.newlineBefore, braces == 0, brackets <= 0, !continues, binaryOperator(kind) == nil { return }
        }
    }
}

/// Rewrites the checker makes where a form means another once types are
/// known (`v[i]` on a `Vec` is `v.data[i]`); it appends nodes and replaces
/// one node's kind, keeping every ID valid.
extension SyntaxTree {
    public mutating func append(_ node: ExprNode) -> ExprID { add(node) }
    public mutating func append(_ node: StmtNode) -> StmtID { add(node) }
    public mutating func append(_ block: Block) -> BlockID { add(block) }

    public mutating func replaceKind(of id: ExprID, with kind: ExprKind) {
        exprs[id.index] = ExprNode(kind: kind, span: exprs[id.index].span)
    }

    public mutating func replaceKind(of id: StmtID, with kind: StmtKind) {
        stmts[id.index] = StmtNode(kind: kind, span: stmts[id.index].span)
    }
}

/// Index of an expression in `SyntaxTree.exprs`.
public struct ExprID: Hashable, Sendable {
    public let raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
}

/// Index of a statement in `SyntaxTree.stmts`.
public struct StmtID: Hashable, Sendable {
    public let raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
}

/// Index of a block in `SyntaxTree.blocks`.
public struct BlockID: Hashable, Sendable {
    public let raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
}

/// A name as written, with where it was written.
public struct Name: Hashable, Sendable {
    public let text: String
    public let span: SourceSpan
    public init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

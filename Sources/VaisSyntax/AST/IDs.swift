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

/// Index of what a node refers to beside the node arrays (`NodePayloads`):
/// a name, a list, a type as written. The payload type only tells the
/// kinds of ID apart.
public struct PayloadID<Payload>: Hashable, Sendable {
    public let raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    @inlinable public var index: Int { Int(raw) }
}

public typealias TextID = PayloadID<String>
public typealias BytesID = PayloadID<[UInt8]>
public typealias NameID = PayloadID<Name>
public typealias ExprListID = PayloadID<[ExprID]>
public typealias FieldListID = PayloadID<[FieldInitializer]>
public typealias ArmListID = PayloadID<[MatchArm]>
public typealias TypeSyntaxID = PayloadID<TypeSyntax>
public typealias LoopHeaderID = PayloadID<LoopHeader>
public typealias ClosureSignatureID = PayloadID<ClosureSignature>

/// A name as written, with where it was written.
public struct Name: Hashable, Sendable {
    public let text: String
    public let span: SourceSpan
    public init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

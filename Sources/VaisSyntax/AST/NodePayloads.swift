/// What expression nodes refer to by `PayloadID`, one array per kind (lists
/// in shared chunks, `PayloadLists`): kept apart from the nodes so that a
/// node holds only numbers and IDs.
/// Payloads are never changed once added; a node that needs another makes
/// a new one.
public struct NodePayloads: Sendable {
    @usableFromInline var texts: [String] = []
    @usableFromInline var byteStrings: [[UInt8]] = []
    @usableFromInline var names: [Name] = []
    @usableFromInline var exprLists = PayloadLists<ExprID>()
    @usableFromInline var fieldLists = PayloadLists<FieldInitializer>()
    @usableFromInline var armLists = PayloadLists<MatchArm>()
    @usableFromInline var typeSyntaxes: [TypeSyntax] = []
    @usableFromInline var loopHeaders: [LoopHeader] = []
    @usableFromInline var closureSignatures: [ClosureSignature] = []

    /// Appends `payload` to `storage`, returning its ID.
    static func add<Payload>(_ payload: consuming Payload, to storage: inout [Payload]) -> PayloadID<Payload> {
        storage.append(payload)
        return PayloadID(Int32(storage.count - 1))
    }
}

// Inlinable, as the node subscripts are: reading a payload is an array
// access, not a call.
extension SyntaxTree {
    @inlinable public subscript(id: TextID) -> String { payloads.texts[id.index] }
    @inlinable public subscript(id: BytesID) -> [UInt8] { payloads.byteStrings[id.index] }
    @inlinable public subscript(id: NameID) -> Name { payloads.names[id.index] }
    @inlinable public subscript(id: ExprListID) -> ExprList { payloads.exprLists[id.index] }
    @inlinable public subscript(id: FieldListID) -> FieldList { payloads.fieldLists[id.index] }
    @inlinable public subscript(id: ArmListID) -> ArmList { payloads.armLists[id.index] }
    @inlinable public subscript(id: TypeSyntaxID) -> TypeSyntax { payloads.typeSyntaxes[id.index] }
    @inlinable public subscript(id: LoopHeaderID) -> LoopHeader { payloads.loopHeaders[id.index] }
    @inlinable public subscript(id: ClosureSignatureID) -> ClosureSignature { payloads.closureSignatures[id.index] }

    public mutating func add(text: String) -> TextID { NodePayloads.add(text, to: &payloads.texts) }
    public mutating func add(bytes: [UInt8]) -> BytesID { NodePayloads.add(bytes, to: &payloads.byteStrings) }
    public mutating func add(name: Name) -> NameID { NodePayloads.add(name, to: &payloads.names) }
    public mutating func add(list: some Collection<ExprID>) -> ExprListID { ExprListID(Int32(payloads.exprLists.append(list))) }
    public mutating func add(fields: some Collection<FieldInitializer>) -> FieldListID {
        FieldListID(Int32(payloads.fieldLists.append(fields)))
    }
    public mutating func add(arms: some Collection<MatchArm>) -> ArmListID { ArmListID(Int32(payloads.armLists.append(arms))) }
    public mutating func add(type: TypeSyntax) -> TypeSyntaxID { NodePayloads.add(type, to: &payloads.typeSyntaxes) }
    public mutating func add(header: LoopHeader) -> LoopHeaderID { NodePayloads.add(header, to: &payloads.loopHeaders) }
    public mutating func add(signature: ClosureSignature) -> ClosureSignatureID {
        NodePayloads.add(signature, to: &payloads.closureSignatures)
    }
}

import VaisSyntax

public struct StructID: Hashable, Sendable {
    public let raw: Int32
    public var index: Int { Int(raw) }
}

public struct EnumID: Hashable, Sendable {
    public let raw: Int32
    public var index: Int { Int(raw) }
}

public struct FunctionID: Hashable, Sendable {
    public let raw: Int32
    public var index: Int { Int(raw) }
}

public struct GlobalID: Hashable, Sendable {
    public let raw: Int32
    public var index: Int { Int(raw) }
}

public struct LocalID: Hashable, Sendable {
    public let raw: Int32
    public var index: Int { Int(raw) }
}

public struct StructField: Sendable {
    public let name: String
    public let type: TypeID
    public let span: SourceSpan
}

public struct StructSymbol: Sendable {
    public let name: String
    public let span: SourceSpan
    public internal(set) var fields: [StructField]

    public func fieldIndex(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }
}

public struct VariantSymbol: Sendable {
    public let name: String
    public let payload: [TypeID]
    public let span: SourceSpan
}

public struct EnumSymbol: Sendable {
    public let name: String
    public let span: SourceSpan
    public internal(set) var variants: [VariantSymbol]

    public func variantIndex(_ name: String) -> Int? { variants.firstIndex { $0.name == name } }
}

public enum FunctionKind: Sendable, Equatable {
    /// Defined in Vais.
    case vais
    /// Declared by the program and provided by C.
    case external
    /// Known to the compiler without a declaration (`puts`, `printf`, ...).
    case predeclared
    /// Known to the compiler and lowered by it inline (`load_i64`,
    /// `sizeof`, ...): no C function behind it.
    case intrinsic
}

/// A function as checking knows it. A class: the checker and lowering read
/// a symbol at nearly every call, and a struct of this many strings and
/// arrays costs a retain and a release of each on every copy; a reference
/// costs one.
public final class FunctionSymbol: Sendable {
    public let name: String
    /// The symbol in the object file.
    public let symbol: String
    public let kind: FunctionKind
    public let parameters: [TypeID]
    public let result: TypeID
    public let isVariadic: Bool
    public let isHot: Bool
    /// For methods: the type the method belongs to and how it takes `self`.
    public let owner: TypeID?
    public let receiver: SelfParameter?
    public let declaration: FunctionDecl?
    public let file: FileID?
    public let span: SourceSpan?

    public var displayName: String { name }

    init(name: String, symbol: String, kind: FunctionKind, parameters: [TypeID], result: TypeID,
         isVariadic: Bool, isHot: Bool, owner: TypeID?, receiver: SelfParameter?, declaration: FunctionDecl?, file: FileID?,
         span: SourceSpan?) {
        self.name = name
        self.symbol = symbol
        self.kind = kind
        self.parameters = parameters
        self.result = result
        self.isVariadic = isVariadic
        self.isHot = isHot
        self.owner = owner
        self.receiver = receiver
        self.declaration = declaration
        self.file = file
        self.span = span
    }
}

public struct GlobalSymbol: Sendable {
    public let name: String
    public let symbol: String
    /// Written, or inferred from the initializer when it is checked.
    public internal(set) var type: TypeID
    public let isConstant: Bool
    public let declaration: GlobalDecl
    public let span: SourceSpan
}

public struct LocalSymbol: Sendable {
    public let name: String
    public let type: TypeID
    /// Set by an assignment that `--lenient-mutability` lets through.
    public internal(set) var isMutable: Bool
    public let span: SourceSpan
    /// The function whose binding site (at `span`) introduced it; nil for a
    /// closure's copy of a capture, which no site of its own introduces.
    public let boundIn: FunctionID?
}

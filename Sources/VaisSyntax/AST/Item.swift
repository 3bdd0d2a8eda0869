public enum SelfParameter: Sendable {
    case value
    case reference
    case mutableReference
}

public struct Parameter: Sendable {
    public let name: Name
    public let type: TypeSyntax
    public init(name: Name, type: TypeSyntax) {
        self.name = name
        self.type = type
    }
}

public enum FunctionBody: Sendable {
    case block(BlockID)
    case expression(ExprID)
    /// A declaration of a C function.
    case external

    public var isExternal: Bool {
        if case .external = self { return true }
        return false
    }
}

/// A class, not a struct: declarations are never changed once parsed,
/// and the parser, the checker's symbols and lowering each hold one, which
/// copied the name, parameters, bounds and body field by field.
public final class FunctionDecl: Sendable {
    public let name: Name
    public let selfParameter: (SelfParameter, SourceSpan)?
    public let parameters: [Parameter]
    public let isVariadic: Bool
    public let returnType: TypeSyntax?
    public let body: FunctionBody
    public let isHot: Bool
    public let span: SourceSpan
    /// `T` and `U` of `F pick<T, U>(...)`: a template, specialized per use.
    public let genericParameters: [Name]
    /// The traits each generic parameter must implement (`T: Show + Eq`).
    public let genericBounds: [[Name]]
    public init(name: Name, selfParameter: (SelfParameter, SourceSpan)?, parameters: [Parameter], isVariadic: Bool,
                returnType: TypeSyntax?, body: FunctionBody, isHot: Bool, span: SourceSpan, genericParameters: [Name] = [],
                genericBounds: [[Name]] = []) {
        self.genericParameters = genericParameters
        self.genericBounds = genericBounds
        self.name = name
        self.selfParameter = selfParameter
        self.parameters = parameters
        self.isVariadic = isVariadic
        self.returnType = returnType
        self.body = body
        self.isHot = isHot
        self.span = span
    }
}

public struct FieldDecl: Sendable {
    public let name: Name
    public let type: TypeSyntax
    public init(name: Name, type: TypeSyntax) {
        self.name = name
        self.type = type
    }
}

public struct StructDecl: Sendable {
    public let name: Name
    public let fields: [FieldDecl]
    public let genericParameters: [Name]
    /// The traits each generic parameter must implement, written on it or
    /// in a `where` clause.
    public let genericBounds: [[Name]]
    public init(name: Name, fields: [FieldDecl], genericParameters: [Name] = [], genericBounds: [[Name]] = []) {
        self.genericParameters = genericParameters
        self.genericBounds = genericBounds
        self.name = name
        self.fields = fields
    }
}

public struct VariantDecl: Sendable {
    public let name: Name
    public let payload: [TypeSyntax]
    public init(name: Name, payload: [TypeSyntax]) {
        self.name = name
        self.payload = payload
    }
}

public struct EnumDecl: Sendable {
    public let name: Name
    public let variants: [VariantDecl]
    public let genericParameters: [Name]
    /// The traits each generic parameter must implement.
    public let genericBounds: [[Name]]
    public init(name: Name, variants: [VariantDecl], genericParameters: [Name] = [], genericBounds: [[Name]] = []) {
        self.genericParameters = genericParameters
        self.genericBounds = genericBounds
        self.name = name
        self.variants = variants
    }
}

/// `G name: T = value` (mutable) or `C NAME: T = value` (constant).
public struct GlobalDecl: Sendable {
    public let name: Name
    public let type: TypeSyntax?
    public let value: ExprID
    public let isConstant: Bool
    public init(name: Name, type: TypeSyntax?, value: ExprID, isConstant: Bool) {
        self.name = name
        self.type = type
        self.value = value
        self.isConstant = isConstant
    }
}

public struct ImportDecl: Sendable {
    /// The path as written, `std/hot` for `U std/hot`.
    public let path: String
    public let span: SourceSpan
    /// `vec_new, Vec` of `use std/vec.{vec_new, Vec}`: the only names of
    /// the module the importing file sees; nil imports them all.
    public let names: [Name]?
    public init(path: String, span: SourceSpan, names: [Name]? = nil) {
        self.path = path
        self.span = span
        self.names = names
    }
}

public struct ImplDecl: Sendable {
    public let typeName: Name
    public let methods: [FunctionDecl]
    /// `A, B` of `X Pair<A, B> { ... }` (or `impl<A, B> Pair<A, B>`): the
    /// impl is a template for every specialization of a generic type.
    public let genericParameters: [Name]
    /// `Show` of `X Point: Show` or `impl Show for Point`.
    public let traitName: Name?
    /// `type Item = i64` in a trait's impl.
    public let associatedTypes: [(name: Name, type: TypeSyntax)]
    /// `f64` of `X i64: Into<f64>`: the arguments of a generic trait.
    public let traitArguments: [TypeSyntax]
    /// The traits each generic parameter must implement for the impl to
    /// apply (`impl<T: Show> Show for Boxed<T>`).
    public let genericBounds: [[Name]]
    public init(typeName: Name, methods: [FunctionDecl], genericParameters: [Name] = [], traitName: Name? = nil,
                traitArguments: [TypeSyntax] = [], associatedTypes: [(name: Name, type: TypeSyntax)] = [], genericBounds: [[Name]] = []) {
        self.genericParameters = genericParameters
        self.traitArguments = traitArguments
        self.genericBounds = genericBounds
        self.traitName = traitName
        self.associatedTypes = associatedTypes
        self.typeName = typeName
        self.methods = methods
    }
}

/// `trait Show { F show(&self) -> i64; F twice(&self) -> i64 = self.show() * 2 }`:
/// methods without a body (`.external`) must be implemented, the others are
/// defaults.
public struct TraitDecl: Sendable {
    public let name: Name
    public let methods: [FunctionDecl]
    /// `type Item` declarations.
    public let associatedTypes: [Name]
    /// `T` of `W Into<T>`: each impl gives it (`X i64: Into<f64>`), and its
    /// methods see it as they see an associated type.
    public let genericParameters: [Name]
    public init(name: Name, methods: [FunctionDecl], associatedTypes: [Name], genericParameters: [Name] = []) {
        self.name = name
        self.genericParameters = genericParameters
        self.methods = methods
        self.associatedTypes = associatedTypes
    }
}

/// `type Meters = f64`: another name for a type; `type Pair<T> = (T, T)`
/// names one per list of type arguments.
public struct TypeAliasDecl: Sendable {
    public let name: Name
    public let type: TypeSyntax
    public let genericParameters: [Name]
    public let genericBounds: [[Name]]
    public init(name: Name, type: TypeSyntax, genericParameters: [Name] = [], genericBounds: [[Name]] = []) {
        self.name = name
        self.type = type
        self.genericParameters = genericParameters
        self.genericBounds = genericBounds
    }
}

public enum Item: Sendable {
    case function(FunctionDecl)
    case structure(StructDecl)
    case enumeration(EnumDecl)
    case global(GlobalDecl)
    case importModule(ImportDecl)
    case implementation(ImplDecl)
    case trait(TraitDecl)
    case typeAlias(TypeAliasDecl)
}

import VaisSyntax

/// A generic struct or enum as declared: the source of its specializations.
enum GenericTypeDecl {
    case structure(StructDecl)
    case enumeration(EnumDecl)

    var name: Name {
        switch self {
        case .structure(let decl): return decl.name
        case .enumeration(let decl): return decl.name
        }
    }

    var parameters: [Name] {
        switch self {
        case .structure(let decl): return decl.genericParameters
        case .enumeration(let decl): return decl.genericParameters
        }
    }

    var bounds: [[Name]] {
        switch self {
        case .structure(let decl): return decl.genericBounds
        case .enumeration(let decl): return decl.genericBounds
        }
    }
}

/// A generic function (or a method of a generic impl) as declared.
struct GenericFunctionTemplate {
    let decl: FunctionDecl
    let file: FileID
    /// The impl's parameters for a method, then the function's own.
    let parameters: [String]
    /// `type Item = T` of the impl a method comes from.
    var associatedTypes: [(name: Name, type: TypeSyntax)] = []
    /// For a method of a generic impl with bounds (`X<T: Show> Wrapper<T>`),
    /// the impl's parameters and bounds, checked against its type's arguments.
    var implBounds: BoundedImpl?
}

/// What a specialized struct or enum was made from.
struct TypeInstance {
    let template: String
    let arguments: [TypeID]
}

/// What the checker needs to check a function's body besides its
/// declaration: the types its type parameters (and `Self`) stand for, and
/// for a specialization, what to call it and where it was first used, so
/// an error inside it is reported there.
struct FunctionContext {
    var environment: [(name: String, type: TypeID)]
    var instantiation: (display: String, site: SourceSpan)?
}

/// A specialization as the caches know it: what it is made from and with
/// which arguments, compared without building its name.
struct InstanceKey: Hashable {
    /// The template's name; for a method, its owner's type too.
    let template: String
    let owner: TypeID?
    let arguments: [TypeID]
}

import VaisSyntax

/// A generic struct or enum as declared: the source of its specializations.
enum GenericTypeDecl {
    case structure(StructDecl)
    case enumeration(EnumDecl)
}

/// A generic struct or enum with what its uses ask for worked out once. A
/// class: the checker looks a template up at every use of a generic variant
/// or type, and a copy of the enum retained each of its declaration's arrays.
final class GenericType {
    let decl: GenericTypeDecl
    let parameters: [Name]
    let parameterNames: [String]
    let bounds: [[Name]]
    /// An enum's variants (none for a struct).
    let variants: [VariantDecl]

    init(_ decl: GenericTypeDecl) {
        self.decl = decl
        switch decl {
        case .structure(let structure):
            parameters = structure.genericParameters
            bounds = structure.genericBounds
            variants = []
        case .enumeration(let enumeration):
            parameters = enumeration.genericParameters
            bounds = enumeration.genericBounds
            variants = enumeration.variants
        }
        parameterNames = parameters.map(\.text)
    }

    var isStructure: Bool {
        if case .structure = decl { return true }
        return false
    }

    /// The index of variant `name` of a generic enum.
    func variantIndex(_ name: String) -> Int? {
        variants.firstIndex { $0.name.text == name }
    }
}

/// A generic function (or a method of a generic impl) as declared. A
/// class: every call of a generic function reads its template.
final class GenericFunctionTemplate {
    let decl: FunctionDecl
    let file: FileID
    /// The impl's parameters for a method, then the function's own.
    let parameters: [String]
    /// `type Item = T` of the impl a method comes from.
    let associatedTypes: [(name: Name, type: TypeSyntax)]
    /// For a method of a generic impl with bounds (`X<T: Show> Wrapper<T>`),
    /// the impl's parameters and bounds, checked against its type's arguments.
    let implBounds: BoundedImpl?
    /// The written type of each parameter, matched against the values given.
    let patterns: [TypeSyntax]

    init(decl: FunctionDecl, file: FileID, parameters: [String], associatedTypes: [(name: Name, type: TypeSyntax)] = [],
         implBounds: BoundedImpl? = nil) {
        self.decl = decl
        self.file = file
        self.parameters = parameters
        self.associatedTypes = associatedTypes
        self.implBounds = implBounds
        patterns = decl.parameters.map(\.type)
    }
}

/// An impl of a generic type (`X Pair<A, B> { ... }`), with a template for
/// each of its methods made once: each specialization of the type makes
/// the methods it uses from them.
final class GenericImpl {
    let decl: ImplDecl
    /// Each method's template: the impl's parameters, then the method's own.
    let templates: [GenericFunctionTemplate]

    init(_ decl: ImplDecl, file: FileID) {
        self.decl = decl
        let parameters = decl.genericParameters.map(\.text)
        let bounds = BoundedImpl(parameters: decl.genericParameters, bounds: decl.genericBounds)
        templates = decl.methods.map { method in
            GenericFunctionTemplate(decl: method, file: file, parameters: parameters + method.genericParameters.map(\.text),
                                    associatedTypes: decl.associatedTypes, implBounds: bounds)
        }
    }

    var parameterCount: Int { decl.genericParameters.count }

    /// The first method named `name`, as the impl's methods are searched.
    func template(named name: String) -> GenericFunctionTemplate? {
        templates.first { $0.decl.name.text == name }
    }
}

/// What a specialized struct or enum was made from.
struct TypeInstance {
    let template: String
    let arguments: [TypeID]
}

/// What the checker needs to check a function's body besides its
/// declaration: the types its type parameters (and `Self`) stand for, and
/// for a specialization, what to call it and where it was first used, so
/// an error inside it is reported there. A class: a copy of the table's
/// entry retained each part.
final class FunctionContext {
    let environment: [(name: String, type: TypeID)]
    let instantiation: (display: String, site: SourceSpan)?

    init(environment: [(name: String, type: TypeID)], instantiation: (display: String, site: SourceSpan)?) {
        self.environment = environment
        self.instantiation = instantiation
    }
}

/// A specialization as the caches know it: what it is made from and with
/// which arguments, compared without building its name.
struct InstanceKey: Equatable {
    /// The template's name; for a method, its owner's type too.
    let template: String
    let owner: TypeID?
    let arguments: [TypeID]

    /// The name's short hash with the IDs folded in: a `Hasher` (SipHash)
    /// cost more than the rest of a lookup.
    var hash: Int { Self.hash(template: template, owner: owner, arguments: arguments) }

    static func hash(template: String, owner: TypeID?, arguments: some Sequence<TypeID>) -> Int {
        var hash = NameHash.combine(NameHash.of(template), owner?.raw ?? -1)
        for argument in arguments { hash = NameHash.combine(hash, argument.raw) }
        return hash
    }
}

/// The specializations made so far, by what they are made from.
struct InstanceTable<Value> {
    private var table = HashedTable<InstanceKey, Value>()

    subscript(key: InstanceKey) -> Value? {
        get { table[key, hash: key.hash] }
        set { table[key, hash: key.hash] = newValue }
    }

    /// The specialization of a type template with these arguments, found
    /// without copying them into a key's array.
    subscript(template: String, arguments: ArraySlice<TypeID>) -> Value? {
        table.value(hash: InstanceKey.hash(template: template, owner: nil, arguments: arguments)) {
            $0.owner == nil && $0.template == template && $0.arguments.elementsEqual(arguments)
        }
    }
}

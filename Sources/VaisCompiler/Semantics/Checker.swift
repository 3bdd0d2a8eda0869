import VaisSyntax

/// Resolves names and checks types over a whole program, recording what it
/// learns in a `SemanticModel`. It reports every independent error: an
/// expression that failed gets the error type, which is compatible with
/// everything, so one mistake is reported once.
struct Checker {
    /// Grows when generic functions are specialized (each gets a copy of
    /// its template's body).
    var tree: SyntaxTree
    var model: SemanticModel
    var diagnostics = DiagnosticBag()
    /// Assignments to bindings declared without `mut` are warnings (W001), not E006.
    var lenientMutability = false
    /// Whether the body being checked is in a file of the newer spelling
    /// (`SyntaxTree.newerSpellingFiles`), where a `bool` is also an
    /// integer, 0 or 1: set for each function's body (a closure's is its
    /// enclosing function's, a specialization's its template's file).
    var boolIsInteger = false

    enum ValueSymbol {
        case function(FunctionID)
        case global(GlobalID)
        /// Index into `genericFunctions`.
        case genericFunction(Int)
    }

    var typeNames = NameTable<TypeID>()
    var valueNames = NameTable<ValueSymbol>()
    /// Variants by bare name; a name is usable bare only when it is unique.
    var bareVariants = NameTable<[(EnumID, Int)]>()

    // Generics (see Checker+Generics).
    var genericTypes = NameTable<GenericType>()
    var genericFunctions: [GenericFunctionTemplate] = []
    var genericImpls = NameTable<[GenericImpl]>()
    /// Variants of generic enums by bare name: template name and index.
    var genericBareVariants = NameTable<[(String, Int)]>()
    var typeInstances = InstanceTable<TypeID>()
    var instanceOrigins = DenseTable<TypeInstance>()
    var functionInstances = InstanceTable<FunctionID>()
    /// By function index, for functions whose body needs more than its
    /// declaration (specializations, methods that say `Self`).
    var functionContexts = DenseTable<FunctionContext>()
    /// What type parameters and `Self` stand for where checking is now.
    var typeEnvironment: [(name: String, type: TypeID)] = []
    /// Storage kept for the environments `resolvePartially` builds.
    var environmentScratch: [(name: String, type: TypeID)] = []
    /// A stack for the type arguments `resolveType` resolves: a use of a
    /// specialization made already is found without an array of its own.
    var resolvedArguments: [TypeID] = []
    /// The specialization being checked, if any: its errors are reported
    /// at the use that made it, once.
    var instantiation: (display: String, site: SourceSpan)?
    var reportedInstantiations: Set<String> = []
    var instantiationDepth = 0
    /// `type Name = T`, resolved where used.
    var typeAliases = NameTable<TypeSyntax>()
    /// `type Pair<T> = (T, T)`, specialized where used.
    var genericAliases = NameTable<TypeAliasDecl>()
    var resolvingAliases: Set<String> = []
    // Traits (see Checker+Traits).
    var traits = NameTable<TraitDecl>()
    /// The names `traits` holds, in the order declared.
    var declaredTraits: [String] = []
    /// `Point: Show` and, for generic types, `Boxed: Show`: by the type's
    /// name, the traits it implements (see Checker+Bounds).
    var traitImplementations = NameTable<[String]>()
    /// Those of generic impls with bounds, by the same key.
    var boundedImpls: [String: BoundedImpl] = [:]
    /// Methods with type parameters of their own, of types that are not
    /// generic, by type and name (specialized per call).
    var genericMethods: [TypeID: [String: GenericFunctionTemplate]] = [:]
    /// The methods of every type, generic specializations' included.
    var methods = MethodTable()

    enum GlobalState { case pending, checking, done }
    var globalStates: [GlobalState] = []

    // Per-function state.
    struct LoopContext {
        var hasBreak = false
    }
    var scopes = LocalScopes()
    var loops: [LoopContext] = []
    var currentFunction: FunctionID?
    var returnType: TypeID = .unit
    /// The closures being checked, innermost last (see Checker+Closures).
    var closureContexts: [ClosureContext] = []
    /// How many closures each function has made so far, for their names.
    var closureCounts: [Int32: Int] = [:]
    /// Parameter types for the next closure checked without an expected
    /// type: what a generic signature already says of them.
    var closureParameterHint: [TypeID?]?
    /// Whether a `D` statement's expression is being checked: the locals
    /// it names must live in memory.
    var checkingDefer = false
    /// `isUntypedLiteral` of each binary expression asked about: every level
    /// of an operator chain asks about the chain below it, so without the
    /// answers kept a chain costs time quadratic in its length.
    var untypedLiteralChains = DenseTable<Bool>()
    /// By file: the names of modules it imports with a list
    /// (`use std/vec.{vec_new}`) that the list leaves out, with the
    /// module's path (see Checker+ImportLists).
    var hiddenNames: [FileID: [String: String]] = [:]
    /// Deferred inference (see Checker+DeferredInference): where the E028
    /// of a binding's value being tried is expected, whether it came, and
    /// the open binding a look ahead is finding the type of.
    var deferredSite: SourceSpan?
    var inferenceGap = false
    var deferredBinding: DeferredBinding?

    /// The items checked: every item, less the prelude's for a type name
    /// the program declares itself.
    let items: [(file: FileID, item: Item)]
    /// The prelude's file, whose variant names a program's own give way to.
    let preludeFile: FileID?

    init(tree: consuming SyntaxTree, preludeFile: FileID? = nil) {
        self.items = Self.itemsShadowingPrelude(tree.items, preludeFile: preludeFile)
        self.preludeFile = preludeFile
        self.model = SemanticModel(expressionCount: tree.exprs.count)
        self.tree = tree
        // Sized up front: growing it rehashes every entry.
        valueNames.reserveCapacity(self.tree.items.count)
    }

    /// The tree comes back grown by the bodies of generic specializations.
    static func check(_ tree: consuming SyntaxTree, requireMain: Bool, rootFile: FileID, preludeFile: FileID? = nil,
                      importedFiles: [SourceSpan: FileID] = [:], lenientMutability: Bool = false) -> (SemanticModel, SyntaxTree, [Diagnostic]) {
        var checker = Checker(tree: tree, preludeFile: preludeFile)
        checker.lenientMutability = lenientMutability
        checker.declareImportLists(importedFiles)
        checker.declareTypes()
        checker.declareTraitImplementations()
        checker.declareGlobalNames()
        checker.resolveTypeBodies()
        checker.declareFunctions()
        checker.checkGlobals()
        checker.checkFunctionBodies()
        checker.checkMain(required: requireMain, rootFile: rootFile)
        return (checker.model, checker.tree, checker.diagnostics.all)
    }

    private static func itemsShadowingPrelude(_ items: [(file: FileID, item: Item)], preludeFile: FileID?) -> [(file: FileID, item: Item)] {
        guard let preludeFile else { return items }
        var preludeNames: Set<String> = []
        for (file, item) in items where file == preludeFile {
            if case .enumeration(let decl) = item { preludeNames.insert(decl.name.text) }
        }
        var declared: Set<String> = []
        for (file, item) in items where file != preludeFile {
            switch item {
            case .structure(let decl) where preludeNames.contains(decl.name.text): declared.insert(decl.name.text)
            case .enumeration(let decl) where preludeNames.contains(decl.name.text): declared.insert(decl.name.text)
            default: continue
            }
        }
        // Most programs replace nothing: the list is kept, not copied.
        guard !declared.isEmpty else { return items }
        return items.filter { file, item in
            guard file == preludeFile else { return true }
            switch item {
            case .enumeration(let decl): return !declared.contains(decl.name.text)
            case .implementation(let decl): return !declared.contains(decl.typeName.text)
            default: return true
            }
        }
    }

    mutating func error(_ code: String, _ message: String, at span: SourceSpan) {
        if deferredSite != nil, isDeferredGap(code, at: span) { return }
        guard let instantiation else {
            diagnostics.error(code, message, at: span)
            return
        }
        guard reportedInstantiations.insert(instantiation.display).inserted else { return }
        diagnostics.error(code, "in `\(instantiation.display)`: \(message)", at: instantiation.site)
    }

    func describe(_ type: TypeID) -> String { model.describe(type) }

    /// `Owner.member`, in one allocation when it is too long for a small
    /// string (`a + "." + b` copied `a` into a string that then grew).
    static func memberName(_ owner: String, _ member: String) -> String {
        let length = owner.utf8.count + 1 + member.utf8.count
        guard length > 15 else { return owner + "." + member }
        var name = ""
        name.reserveCapacity(length)
        name += owner
        name += "."
        name += member
        return name
    }

    /// `describe(type)`, read without building a string for a struct or an enum.
    @inline(__always)
    func typeName(_ type: TypeID) -> String {
        switch model.types[type] {
        case .structure(let id): return model.structs[id.index].name
        case .enumeration(let id): return model.enums[id.index].name
        default: return model.describe(type)
        }
    }


    mutating func record(_ expr: ExprID, _ type: TypeID) -> TypeID {
        model.exprTypes[expr.index] = type
        return type
    }

    // MARK: Scopes

    mutating func pushScope() { scopes.push() }
    mutating func popScope() { scopes.pop() }

    mutating func declareLocal(_ name: Name, type: TypeID, mutable: Bool) -> LocalID {
        let id = LocalID(raw: Int32(model.locals.count))
        model.locals.append(LocalSymbol(name: name.text, type: type, isMutable: mutable, span: name.span, boundIn: currentFunction))
        model.localNeedsMemory.append(false)
        scopes.declare(name.text, id)
        return id
    }

    /// Notes that the local `expr` names (if it names one) needs an address.
    mutating func noteAddressTaken(_ expr: ExprID) {
        switch tree[expr].kind {
        case .parenthesized(let inner):
            noteAddressTaken(inner)
        case .name:
            if case .local(let local) = model.resolutions[expr.index] { model.localNeedsMemory[local.index] = true }
        default:
            return
        }
    }

    func lookupLocal(_ name: String) -> LocalID? {
        scopes.lookup(name)
    }

    // MARK: Compatibility

    /// Whether a value of type `from` may be used where `to` is expected.
    /// This and the checker's other small queries are inlined: a
    /// non-mutating method called from a mutating one is handed a copy of
    /// the whole checker (some 850 bytes) at every call.
    @inline(__always)
    func isAssignable(_ from: TypeID, to: TypeID) -> Bool {
        if from == to || from == .never || from == .error || to == .error { return true }
        switch (model.types[from], model.types[to]) {
        case (.integer, .integer), (.integer, .float), (.float(32), .float(64)):
            // Numeric adaptation; `coerce` records the conversion.
            return true
        case (.bool, .integer):
            // In the newer spelling: 0 or 1, recorded by `coerce` too.
            return boolIsInteger
        case (.str, .pointer(let pointee)), (.pointer(let pointee), .str):
            return pointee == .i8 || pointee == .u8
        default:
            return false
        }
    }

    /// Reports E003 unless `actual` fits `expected`. `what` is only built
    /// for the message: most values fit.
    mutating func requireAssignable(_ actual: TypeID, to expected: TypeID, at span: SourceSpan,
                                    _ what: @autoclosure () -> String = "") -> Bool {
        if isAssignable(actual, to: expected) { return true }
        let context = what().isEmpty ? "" : " \(what())"
        error("E003", "type mismatch\(context): expected `\(describe(expected))`, found `\(describe(actual))`", at: span)
        return false
    }
}

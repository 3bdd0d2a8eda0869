import VaisSyntax

/// What a name or a field access in an expression refers to.
public enum Resolution: Sendable {
    case none
    case local(LocalID)
    case global(GlobalID)
    case function(FunctionID)
    /// A variant used as a value: a unit variant, or the callee of a
    /// construction.
    case variant(EnumID, Int)
    /// A struct field reached through `derefs` pointer loads.
    case field(StructID, Int, derefs: Int)
    case typeName(TypeID)
}

/// How a call expression is carried out.
public enum CallTarget: Sendable {
    case direct(FunctionID)
    /// `value.method(...)`: `receiverDerefs` pointer loads reach the value,
    /// then it is passed by address or by value as the method asks.
    case method(FunctionID, receiverDerefs: Int)
    /// A call through a value of function type.
    case indirect
    case construct(EnumID, Int)
}

/// A local a closure copies when it is made: `outer` where the closure
/// is written, `inner` the closure's own copy.
public struct Capture: Sendable {
    public let outer: LocalID
    public let inner: LocalID
}

/// Everything the checker learned about a program, handed to lowering.
public struct SemanticModel: Sendable {
    public internal(set) var types: TypeTable
    public internal(set) var structs: [StructSymbol] = []
    public internal(set) var enums: [EnumSymbol] = []
    public internal(set) var functions = RevertibleArray<FunctionSymbol>()
    public internal(set) var globals: [GlobalSymbol] = []
    public internal(set) var locals = RevertibleArray<LocalSymbol>()
    /// The `LocalID`s each function's body declared, by `FunctionID`: one
    /// contiguous range per function, as bodies are checked one by one.
    public internal(set) var functionLocals = RevertibleArray<Range<Int>>()
    /// Whether each local (by `LocalID`) must live in memory: its address
    /// is taken, or a loop writes it. Other immutable scalars stay in
    /// registers.
    public internal(set) var localNeedsMemory = RevertibleArray<Bool>()
    /// The type of each expression, by `ExprID`.
    public internal(set) var exprTypes: RevertibleArray<TypeID>
    /// The type each expression's value is converted to where it is used,
    /// by `ExprID` (`.error` for none): numeric adaptation (`i32` where an
    /// `i64` is expected, an integer where a float is).
    public internal(set) var coercions: RevertibleArray<TypeID>
    /// What each name, field access or callee refers to, by `ExprID`.
    public internal(set) var resolutions: RevertibleArray<Resolution>
    /// How each call is made, by the `ExprID` of the call (nil for other
    /// expressions). An array: lowering looks one up per call.
    public internal(set) var callTargets: RevertibleArray<CallTarget?>
    /// Patterns written as a bare name that turned out to be a unit variant.
    public internal(set) var variantPatterns: [SourceSpan: Int] = [:]
    /// Constant values of globals and constants, by `GlobalID`.
    public internal(set) var constantValues: [ConstantValue] = []
    /// Array lengths written in types and `[v; N]`, by the `ExprID` of the length.
    public internal(set) var arrayLengths: [ExprID: Int] = [:]
    public internal(set) var mainFunction: FunctionID?
    /// The function each closure literal became, by the literal's `ExprID`.
    public internal(set) var closureFunctions: [ExprID: FunctionID] = [:]
    /// What each closure function copies from where it was made, in the
    /// order of its environment; a closure with captures takes a pointer
    /// to that environment as its first parameter.
    public internal(set) var closureCaptures: [FunctionID: [Capture]] = [:]
    /// The `D` statements of each function, in source order.
    public internal(set) var deferredStatements: [FunctionID: [StmtID]] = [:]

    init(expressionCount: Int) {
        types = TypeTable()
        // With room for the copies that specializations add (about a fifth
        // more nodes in generic code), so that the tables are not copied
        // whole as they grow.
        let room = expressionCount + expressionCount / 2
        exprTypes = RevertibleArray(repeating: .error, count: expressionCount, capacity: room)
        coercions = RevertibleArray(repeating: .error, count: expressionCount, capacity: room)
        resolutions = RevertibleArray(repeating: .none, count: expressionCount, capacity: room)
        callTargets = RevertibleArray(repeating: nil, count: expressionCount, capacity: room)
    }

    public func type(of expr: ExprID) -> TypeID { exprTypes[expr.index] }

    /// The type of the value an expression hands to its user: its own, or
    /// the one it is converted to.
    public func usedType(of expr: ExprID) -> TypeID {
        let coerced = coercions[expr.index]
        return coerced == .error ? exprTypes[expr.index] : coerced
    }

    /// The local the name written at `span` (a let, parameter, loop
    /// variable or pattern binding) introduces in `function`, whose
    /// specializations share spans; for a site checked twice (a value tried
    /// for deferred inference), the later local. Found among the function's
    /// own locals, newest first: a few dozen cost less to compare than a
    /// table of every local in the program to hash and grow. Inlined: a
    /// call hands the callee a copy of the whole model.
    @inline(__always)
    public func local(boundAt span: SourceSpan, in function: FunctionID) -> LocalID? {
        guard function.index < functionLocals.count else { return nil }
        let range = functionLocals[function.index]
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if locals[index].span == span, locals[index].boundIn == function { return LocalID(raw: Int32(index)) }
        }
        return nil
    }

    public func function(_ id: FunctionID) -> FunctionSymbol { functions[id.index] }

    /// Whether a closure function takes its captures' environment first.
    public func hasEnvironment(_ id: FunctionID) -> Bool { !(closureCaptures[id]?.isEmpty ?? true) }

    /// The functions marked `#[hot]`.
    public var hotFunctions: [FunctionID] {
        functions.indices.filter { functions[$0].isHot }.map { FunctionID(raw: Int32($0)) }
    }
}

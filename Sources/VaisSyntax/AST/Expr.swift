public enum UnaryOperator: Sendable {
    case negate, not, bitNot, addressOf, dereference
}

public enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide, remainder
    case shiftLeft, shiftRight, bitAnd, bitXor, bitOr
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case logicalAnd, logicalOr

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    public var isLogical: Bool { self == .logicalAnd || self == .logicalOr }

    public var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .remainder: return "%"
        case .shiftLeft: return "<<"
        case .shiftRight: return ">>"
        case .bitAnd: return "&"
        case .bitXor: return "^"
        case .bitOr: return "|"
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .logicalAnd: return "&&"
        case .logicalOr: return "||"
        }
    }
}

public struct FieldInitializer: Sendable {
    public let name: Name
    public let value: ExprID
    public init(name: Name, value: ExprID) {
        self.name = name
        self.value = value
    }
}

/// A parameter of a closure literal: `x` or `x: i64`.
public struct ClosureParameter: Sendable {
    public let name: Name
    /// Nil when the type is left to the expected function type.
    public let type: TypeSyntax?
    public init(name: Name, type: TypeSyntax?) {
        self.name = name
        self.type = type
    }
}

public struct MatchArm: Sendable {
    public let pattern: Pattern
    /// `pattern I condition => body`: the arm is taken only when the
    /// condition, which sees the pattern's bindings, holds.
    public let condition: ExprID?
    public let body: ExprID
    public init(pattern: Pattern, condition: ExprID? = nil, body: ExprID) {
        self.pattern = pattern
        self.condition = condition
        self.body = body
    }
}

/// A closure's parameters and result as written (`|x: i64, y| -> i64`).
public struct ClosureSignature: Sendable {
    public let parameters: [ClosureParameter]
    /// Nil when the result is left to the body or the expected type.
    public let result: TypeSyntax?
    public init(parameters: [ClosureParameter], result: TypeSyntax?) {
        self.parameters = parameters
        self.result = result
    }
}

/// The header of a loop: what decides how often the body runs.
public enum LoopHeader: Sendable {
    case forever
    case whileTrue(ExprID)
    case range(variable: Name, lower: ExprID, upper: ExprID, inclusive: Bool)
    case elements(variable: Name, sequence: ExprID)
}

/// What an expression is. Every payload is a number or an ID: what does not
/// fit one (names, lists, types as written) is kept beside the nodes
/// (`NodePayloads`), so a node is copied as plain bytes, with no reference
/// counting, and the node array is freed in one go.
public enum ExprKind: Sendable {
    case integer(UInt64)
    case float(Double)
    case string(BytesID)
    case bool(Bool)
    case name(TextID)
    /// `@`: the enclosing function.
    case selfFunction
    case unary(UnaryOperator, ExprID)
    /// `operatorAt` is the byte offset of the operator, for diagnostics.
    case binary(BinaryOperator, ExprID, ExprID, operatorAt: UInt32)
    case call(callee: ExprID, arguments: ExprListID)
    case field(base: ExprID, name: NameID)
    case index(base: ExprID, index: ExprID)
    case cast(ExprID, TypeSyntaxID, asAt: UInt32)
    case structLiteral(typeName: NameID, fields: FieldListID)
    case arrayLiteral(ExprListID)
    /// `(a, b)`: a tuple.
    case tuple(ExprListID)
    case arrayRepeat(value: ExprID, count: ExprID)
    case ifElse(condition: ExprID, then: BlockID, otherwise: ExprID?)
    case ternary(condition: ExprID, then: ExprID, otherwise: ExprID)
    case match(scrutinee: ExprID, arms: ArmListID)
    case block(BlockID)
    case loop(LoopHeaderID, body: BlockID)
    case returnValue(ExprID?)
    case breakLoop
    case continueLoop
    case parenthesized(ExprID)
    /// `value?`: the payload of a `Some` or `Ok`; a `None` or `Err` is
    /// returned from the enclosing function.
    case tryPropagate(ExprID)
    /// `value!`: the payload of a `Some` or `Ok`, or a panic. `message` is
    /// a string node (never checked) holding what the panic prints, with
    /// the file and line of the `!`.
    case unwrap(ExprID, message: ExprID)
    /// `|x: i64, y| body` or `|x: i64| -> i64 { ... }`: a closure,
    /// capturing the locals it names by value.
    case closure(ClosureSignatureID, body: ExprID)
    /// Stands in for an expression the parser could not read; it has
    /// already been reported, so checking it reports nothing more.
    case error
}

public struct ExprNode: Sendable {
    public let kind: ExprKind
    public let span: SourceSpan
    public init(kind: ExprKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public enum AssignmentOperator: Sendable {
    case assign, add, subtract, multiply, divide, remainder

    public var binary: BinaryOperator? {
        switch self {
        case .assign: return nil
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        }
    }
}

public enum StmtKind: Sendable {
    case binding(name: Name, mutable: Bool, type: TypeSyntax?, value: ExprID)
    case assignment(AssignmentOperator, target: ExprID, value: ExprID, operatorSpan: SourceSpan)
    case expression(ExprID)
    /// `D expr` or `D { ... }`: run when the enclosing function returns.
    case deferred(ExprID)
}

public struct StmtNode: Sendable {
    public let kind: StmtKind
    public let span: SourceSpan
    public init(kind: StmtKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// `{ statements; tail }`: the tail expression, if any, is the block's value.
public struct Block: Sendable {
    public let statements: [StmtID]
    public let tail: ExprID?
    public let span: SourceSpan
    public init(statements: [StmtID], tail: ExprID?, span: SourceSpan) {
        self.statements = statements
        self.tail = tail
        self.span = span
    }
}

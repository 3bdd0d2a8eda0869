import VaisSyntax

/// `Option<T>` and `Result<T, E>` from the prelude: what `?` and `!` take.
enum FallibleKind {
    case option
    case result

    var name: String { self == .option ? "Option" : "Result" }
    /// The variant that carries the value, and the one that does not.
    var success: String { self == .option ? "Some" : "Ok" }
    var failure: String { self == .option ? "None" : "Err" }
}

extension Checker {
    /// Whether `type` is a specialization of the prelude's `Option` or
    /// `Result` (or of a user's enum of that name with the same variants).
    @inline(__always)
    func fallibleKind(of type: TypeID) -> FallibleKind? {
        guard let instance = instanceOrigins[type], case .enumeration(let id) = model.types[type] else { return nil }
        let kind: FallibleKind
        switch instance.template {
        case "Option": kind = .option
        case "Result": kind = .result
        default: return nil
        }
        let variants = model.enums[id.index].variants
        guard variants.count == 2, variants[0].name == kind.success, variants[0].payload.count == 1,
              variants[1].name == kind.failure, variants[1].payload.count == (kind == .option ? 0 : 1) else { return nil }
        return kind
    }

    /// `value?`: the payload; the enclosing function must return the same
    /// kind (and, for `Result`, take the error type) (E029).
    mutating func checkTry(_ inner: ExprID, span: SourceSpan) -> TypeID {
        let type = checkExpression(inner, expected: nil)
        guard type != .error else { return .error }
        guard let kind = fallibleKind(of: type), let payload = instanceOrigins[type]?.arguments.first else {
            error("E029", "`?` takes an `Option` or a `Result`, found `\(describe(type))`", at: span)
            return .error
        }
        guard currentFunction != nil, returnType == .error || fallibleKind(of: returnType) == kind else {
            error("E029", "`?` on `\(describe(type))` needs the function to return \(kind == .option ? "an" : "a") `\(kind.name)`, not `\(describe(returnType))`", at: span)
            return .error
        }
        if kind == .result, returnType != .error, let errorType = instanceOrigins[type]?.arguments.last,
           let returnedError = instanceOrigins[returnType]?.arguments.last, !isAssignable(errorType, to: returnedError) {
            error("E029", "`?` would return `Err` of `\(describe(errorType))` from a function returning `\(describe(returnType))`", at: span)
            return .error
        }
        return payload
    }

    /// `value!`: the payload (E030 unless the value is an `Option` or `Result`).
    mutating func checkUnwrap(_ inner: ExprID, span: SourceSpan) -> TypeID {
        let type = checkExpression(inner, expected: nil)
        guard type != .error else { return .error }
        guard fallibleKind(of: type) != nil, let payload = instanceOrigins[type]?.arguments.first else {
            error("E030", "`!` takes an `Option` or a `Result`, found `\(describe(type))`", at: span)
            return .error
        }
        return payload
    }
}

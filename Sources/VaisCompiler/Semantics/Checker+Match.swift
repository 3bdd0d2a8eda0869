import VaisSyntax

extension Checker {
    mutating func checkMatch(_ scrutinee: ExprID, _ arms: ArmList, expected: TypeID?, used: Bool, span: SourceSpan) -> TypeID {
        let scrutineeType = checkExpression(scrutinee, expected: nil)
        var result: TypeID? = used ? expected : nil
        var allDiverge = true
        var boolArmsBecomeIntegers = false
        for arm in arms {
            pushScope()
            checkPattern(arm.pattern, scrutineeType)
            if let condition = arm.condition { checkCondition(condition) }
            let type = checkExpression(arm.body, expected: used ? result : nil, used: used)
            popScope()
            if type != .never { allDiverge = false }
            guard used, type != .never else { continue }
            if let known = result, known == .bool, boolIsInteger, model.types.isInteger(type) {
                // The newer spelling: bool arms before an integer one give
                // that integer, 0 or 1 (converted below).
                result = type
                boolArmsBecomeIntegers = true
            } else if let known = result {
                if !isAssignable(type, to: known), !handlesOwnMismatch(arm.body) {
                    _ = requireAssignable(type, to: known, at: branchValueSpan(arm.body))
                }
                coerce(arm.body, from: type, to: known)
            } else if let value = valueType(type) {
                result = value
            }
        }
        if !arms.isEmpty, allDiverge { return .never }
        guard used else { return .unit }
        let type = result ?? .unit
        if boolArmsBecomeIntegers {
            for arm in arms where model.exprTypes[arm.body.index] == .bool { coerce(arm.body, from: .bool, to: type) }
        }
        if type != .unit, type != .error, scrutineeType != .error, !isExhaustive(arms, scrutineeType) {
            error("E026", "this match produces a value but does not cover every case of `\(describe(scrutineeType))`; add a `_` arm",
                  at: span.startPoint)
        }
        return type
    }

    mutating func checkPattern(_ pattern: Pattern, _ type: TypeID) {
        switch pattern {
        case .wildcard, .error:
            return
        case .binding(let name):
            if case .enumeration(let enumID) = model.types[type], let index = model.enums[enumID.index].variantIndex(name.text) {
                model.variantPatterns[name.span] = index
                let payload = model.enums[enumID.index].variants[index].payload
                if !payload.isEmpty {
                    error("E005", "the variant `\(name.text)` has \(payload.count) field(s); write `\(name.text)(...)`", at: name.span)
                }
                return
            }
            _ = declareLocal(name, type: type, mutable: false)
        case .integer(_, let span), .range(_, _, _, let span):
            if type != .error, !model.types.isInteger(type) {
                error("E023", "an integer pattern cannot match a value of type `\(describe(type))`", at: span)
            }
        case .bool(_, let span):
            if type != .error, type != .bool {
                error("E023", "a bool pattern cannot match a value of type `\(describe(type))`", at: span)
            }
        case .variant(let enumName, let variantName, let fields, let span):
            guard type != .error else { return declareErrorBindings(fields) }
            guard case .enumeration(let enumID) = model.types[type] else {
                error("E023", "a variant pattern cannot match a value of type `\(describe(type))`", at: span)
                return declareErrorBindings(fields)
            }
            let symbol = model.enums[enumID.index]
            if let enumName, enumName.text != symbol.name, enumName.text != instanceOrigins[type]?.template {
                error("E023", "the pattern names enum `\(enumName.text)` but the value is a `\(symbol.name)`", at: enumName.span)
                return declareErrorBindings(fields)
            }
            guard let index = symbol.variantIndex(variantName.text) else {
                error("E013", "enum `\(symbol.name)` has no variant `\(variantName.text)`", at: variantName.span)
                return declareErrorBindings(fields)
            }
            let payload = symbol.variants[index].payload
            if payload.count != fields.count {
                error("E005", "the variant `\(variantName.text)` has \(payload.count) field(s) but the pattern gives \(fields.count)", at: variantName.span)
                return declareErrorBindings(fields)
            }
            for (field, fieldType) in zip(fields, payload) { checkPattern(field, fieldType) }
        case .tuple(let elements, let span):
            guard type != .error else { return declareErrorBindings(elements) }
            guard let elementTypes = tupleElements(type) else {
                error("E023", "a tuple pattern cannot match a value of type `\(describe(type))`", at: span)
                return declareErrorBindings(elements)
            }
            guard elementTypes.count == elements.count else {
                error("E023", "the pattern has \(elements.count) element(s) but `\(describe(type))` has \(elementTypes.count)", at: span)
                return declareErrorBindings(elements)
            }
            for (element, elementType) in zip(elements, elementTypes) { checkPattern(element, elementType) }
        case .alternatives(let alternatives, let span):
            let localsBefore = model.locals.count
            for alternative in alternatives { checkPattern(alternative, type) }
            if model.locals.count != localsBefore {
                error("E023", "alternatives joined with `|` cannot bind names", at: span)
            }
        }
    }

    /// Names bound by a pattern that failed to check still exist (with the
    /// error type), so the arm's body reports nothing about them.
    private mutating func declareErrorBindings(_ patterns: [Pattern]) {
        for pattern in patterns {
            switch pattern {
            case .binding(let name): _ = declareLocal(name, type: .error, mutable: false)
            case .variant(_, _, let fields, _), .tuple(let fields, _): declareErrorBindings(fields)
            default: continue
            }
        }
    }

    func isIrrefutable(_ pattern: Pattern) -> Bool {
        switch pattern {
        case .wildcard, .error: return true
        case .binding(let name): return model.variantPatterns[name.span] == nil
        case .alternatives(let alternatives, _): return alternatives.contains { isIrrefutable($0) }
        case .tuple(let elements, _): return elements.allSatisfy { isIrrefutable($0) }
        default: return false
        }
    }

    /// The element types of a tuple type, nil for any other type.
    func tupleElements(_ type: TypeID) -> [TypeID]? {
        guard let instance = instanceOrigins[type], instance.template == Self.tupleTemplate else { return nil }
        return instance.arguments
    }

}

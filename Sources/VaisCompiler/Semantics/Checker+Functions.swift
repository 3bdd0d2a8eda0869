import VaisSyntax

extension Checker {
    mutating func checkFunctionBodies() {
        model.functionLocals = RevertibleArray(repeating: 0..<0, count: model.functions.count)
        // Checking a body may specialize more generic functions: they join
        // the end of the list and are checked in turn.
        var index = 0
        while index < model.functions.count {
            defer { index += 1 }
            if model.functionLocals.count < model.functions.count {
                model.functionLocals.append(contentsOf: repeatElement(0..<0, count: model.functions.count - model.functionLocals.count))
            }
            let function = model.functions[index]
            // A closure was checked where it is written.
            guard function.kind == .vais, let decl = function.declaration,
                  model.closureCaptures.isEmpty || model.closureCaptures[FunctionID(raw: Int32(index))] == nil else { continue }
            let firstLocal = model.locals.count
            let context = functionContexts[FunctionID(raw: Int32(index))]
            typeEnvironment = context?.environment ?? []
            instantiation = context?.instantiation
            checkBody(of: FunctionID(raw: Int32(index)), decl)
            typeEnvironment = []
            instantiation = nil
            model.functionLocals[index] = firstLocal..<model.locals.count
        }
    }

    private mutating func checkBody(of id: FunctionID, _ decl: FunctionDecl) {
        let function = model.functions[id.index]
        currentFunction = id
        returnType = function.result
        boolIsInteger = !tree.newerSpellingFiles.isEmpty && tree.newerSpellingFiles.contains(decl.name.span.file)
        defer { boolIsInteger = false }
        scopes.reopen()
        loops = []
        var parameterIndex = 0
        if let (_, span) = decl.selfParameter, function.owner != nil {
            _ = declareLocal(Name("self", span), type: function.parameters[0], mutable: false)
            parameterIndex = 1
        }
        for parameter in decl.parameters {
            _ = declareLocal(parameter.name, type: function.parameters[parameterIndex], mutable: false)
            parameterIndex += 1
        }
        let bodyType: TypeID
        let valueSpan: SourceSpan
        let result = function.result
        let expected: TypeID? = result == .unit ? nil : result
        switch decl.body {
        case .block(let block):
            bodyType = checkBlock(block, expected: expected, used: result != .unit)
            valueSpan = tree[block].tail.map { tree[$0].span } ?? decl.name.span
            if result != .unit, result != .error, bodyType == .unit, tree[block].tail == nil {
                error("E024", "`\(decl.name.text)` must return `\(describe(result))` but its body can end without a value",
                      at: decl.name.span)
            } else if result != .unit {
                if requireAssignable(bodyType, to: result, at: valueSpan) { coerceTail(of: block, to: result) }
            }
        case .expression(let expr):
            bodyType = checkExpression(expr, expected: expected, used: result != .unit)
            if result != .unit, requireAssignable(bodyType, to: result, at: tree[expr].span) { coerce(expr, from: bodyType, to: result) }
        case .external:
            break
        }
        scopes.reopen()
        currentFunction = nil
    }

    /// Checks a block; its type is its tail's, `never` when a statement
    /// always leaves it, or unit.
    mutating func checkBlock(_ id: BlockID, expected: TypeID?, used: Bool) -> TypeID {
        let block = tree[id]
        pushScope()
        defer { popScope() }
        var diverges = false
        for (position, statement) in block.statements.enumerated() {
            let following = (rest: block.statements[(position + 1)...], tail: block.tail)
            if checkStatement(statement, following: following) == .never { diverges = true }
        }
        if let tail = block.tail {
            let type = checkExpression(tail, expected: used ? expected : nil, used: used)
            if used, let expected, type != .never, type != .error, !isAssignable(type, to: expected), !handlesOwnMismatch(tail) {
                _ = requireAssignable(type, to: expected, at: tree[tail].span)
                return .error
            }
            if used, let expected, areAdaptable(type, expected) {
                coerce(tail, from: type, to: expected)
                return expected
            }
            return diverges && type == .unit ? .never : type
        }
        return diverges ? .never : .unit
    }

    /// `I`, `M` and blocks report a mismatch at their own branch values.
    @inline(__always)
    func handlesOwnMismatch(_ expr: ExprID) -> Bool {
        var expr = expr
        while case .parenthesized(let inner) = tree[expr].kind { expr = inner }
        switch tree[expr].kind {
        case .ifElse(_, _, let otherwise): return otherwise != nil
        case .match, .block, .ternary: return true
        default: return false
        }
    }

    /// Returns `.never` when the statement always leaves its block.
    /// `following` is what comes after it in its block, where a binding
    /// whose type arguments are left open finds them.
    mutating func checkStatement(_ id: StmtID, following: (rest: ArraySlice<StmtID>, tail: ExprID?)? = nil) -> TypeID {
        let statement = tree[id]
        switch statement.kind {
        case .binding(let name, let mutable, let typeSyntax, let value):
            var type: TypeID
            if let typeSyntax {
                type = resolveType(typeSyntax)
                let actual = checkExpression(value, expected: type)
                if !handlesOwnMismatch(value) || isAssignable(actual, to: type) {
                    _ = requireAssignable(actual, to: type, at: tree[value].span)
                }
                coerce(value, from: actual, to: type)
            } else {
                type = following.flatMap { checkDeferrableBinding(name, value: value, rest: $0.rest, tail: $0.tail) }
                    ?? checkExpression(value, expected: nil)
                if type == .never { type = .error }
                if type == .unit {
                    error("E003", "`\(name.text)` would hold no value: the expression has type `()`", at: tree[value].span)
                    type = .error
                }
            }
            _ = declareLocal(name, type: type, mutable: mutable)
            return .unit
        case .assignment(let op, let target, let value, let operatorSpan):
            checkAssignment(id, op, target: target, value: value, operatorSpan: operatorSpan)
            return .unit
        case .expression(let expr):
            return checkExpression(expr, expected: nil, used: false)
        case .deferred(let expr):
            checkDefer(id, expr)
            return .unit
        }
    }

    private mutating func checkAssignment(_ id: StmtID, _ op: AssignmentOperator, target: ExprID, value: ExprID, operatorSpan: SourceSpan) {
        let targetType = checkExpression(target, expected: nil)
        if op == .assign, rewriteCollectionAssignment(id, target: target, targetType: targetType, value: value) { return }
        let valueType = checkExpression(value, expected: targetType == .error ? nil : targetType)
        noteDeferredUse(target, expected: valueType)
        guard targetType != .error else { return }
        switch placeRoot(of: target) {
        case .none:
            error("E015", "cannot assign to this expression", at: tree[target].span)
            return
        case .immutableLocal(let local) where isCapturedTarget(target):
            error("E006", "cannot assign to `\(model.locals[local.index].name)` here: the closure holds a copy of it, made when the closure was created",
                  at: tree[target].span)
            return
        case .immutableLocal(let local) where lenientMutability:
            // The original compiler lets this pass; existing programs rely on it.
            diagnostics.append(Diagnostic(.warning, code: "W001", "`\(model.locals[local.index].name)` is declared without `mut` but assigned here; "
                                          + "accepted (--lenient-mutability): declare it with `:= mut`", at: tree[target].span))
            model.locals[local.index].isMutable = true
        case .immutableLocal(let local):
            error("E006", "cannot assign to `\(model.locals[local.index].name)`: it is not mutable (declare it with `:= mut`, "
                  + "or accept such assignments with --lenient-mutability as the original compiler does)", at: tree[target].span)
            return
        case .constant(let name):
            error("E006", "cannot assign to the constant `\(name)`", at: tree[target].span)
            return
        case .mutable:
            break
        }
        if let binary = op.binary, !(model.types.isNumeric(targetType) && (binary != .remainder || model.types.isInteger(targetType) || model.types.isFloat(targetType))) {
            error("E009", "operator `\(binary.symbol)=` cannot take `\(describe(targetType))`", at: operatorSpan)
            return
        }
        if requireAssignable(valueType, to: targetType, at: tree[value].span) { coerce(value, from: valueType, to: targetType) }
    }

    private func isCapturedTarget(_ target: ExprID) -> Bool {
        switch tree[target].kind {
        case .parenthesized(let inner): return isCapturedTarget(inner)
        case .field(let base, _), .index(let base, _): return isCapturedTarget(base)
        case .name:
            if case .local(let local) = model.resolutions[target.index] { return isCapturedCopy(local) }
            return false
        default: return false
        }
    }

    enum PlaceRoot {
        case none
        case mutable
        case immutableLocal(LocalID)
        case constant(String)
    }

    /// Where the storage an expression names comes from: a local (mutable
    /// or not), a global, or memory behind a pointer (always writable).
    func placeRoot(of expr: ExprID) -> PlaceRoot {
        switch tree[expr].kind {
        case .name:
            switch model.resolutions[expr.index] {
            case .local(let id):
                let local = model.locals[id.index]
                return local.isMutable ? .mutable : .immutableLocal(id)
            case .global(let id):
                let global = model.globals[id.index]
                return global.isConstant ? .constant(global.name) : .mutable
            default:
                return .none
            }
        case .field(let base, _):
            if case .field(_, _, let derefs) = model.resolutions[expr.index], derefs > 0 { return .mutable }
            return placeRoot(of: base)
        case .index(let base, _):
            if model.types.pointee(model.type(of: base)) != nil { return .mutable }
            return placeRoot(of: base)
        case .unary(.dereference, _):
            return .mutable
        case .parenthesized(let inner):
            return placeRoot(of: inner)
        default:
            return .none
        }
    }
}

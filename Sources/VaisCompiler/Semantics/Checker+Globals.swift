import VaisSyntax

extension Checker {
    mutating func checkGlobals() {
        for index in model.globals.indices {
            ensureGlobalChecked(GlobalID(raw: Int32(index)))
        }
    }

    /// Checks a global's initializer on first use, so constants may refer to
    /// constants declared later; a cycle is reported as non-constant.
    mutating func ensureGlobalChecked(_ id: GlobalID) {
        switch globalStates[id.index] {
        case .done:
            return
        case .checking:
            let global = model.globals[id.index]
            error("E022", "the initializer of `\(global.name)` refers to itself", at: tree[global.declaration.value].span)
            model.globals[id.index].type = .error
            return
        case .pending:
            break
        }
        globalStates[id.index] = .checking
        let declaration = model.globals[id.index].declaration
        let savedScopes = scopes
        scopes = LocalScopes()
        let expected = declaration.type.map { resolveType($0) }
        var actual = checkExpression(declaration.value, expected: expected)
        let initializerFailed = actual == .error
        if let expected {
            _ = requireAssignable(actual, to: expected, at: tree[declaration.value].span)
            actual = expected
        }
        model.globals[id.index].type = actual
        scopes = savedScopes
        globalStates[id.index] = .done
        guard actual != .error, !initializerFailed else { return }
        if !model.types.hasValue(actual) {
            error("E003", "a global needs a value, not `\(describe(actual))`", at: tree[declaration.value].span)
            return
        }
        guard let value = evaluateConstant(declaration.value) else {
            error("E022", "the initializer of `\(declaration.name.text)` is not a constant expression", at: tree[declaration.value].span)
            return
        }
        model.constantValues[id.index] = value
    }
}

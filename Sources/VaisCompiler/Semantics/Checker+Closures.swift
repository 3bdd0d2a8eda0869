import VaisSyntax

/// A closure whose body is being checked. Names found below `boundary` in
/// the scope stack belong to where the closure is written: the closure
/// copies them (captures them by value) when it is made.
struct ClosureContext {
    let function: FunctionID
    let boundary: Int
    var captures: [Capture] = []
}

extension Checker {
    /// A closure literal becomes a function of its own, named after the
    /// function it is written in and its place there (`main.closure0`),
    /// checked here, where its captures are in scope. Its value has a
    /// function type; the parameter types come from what is written, else
    /// from the type expected, else from a generic signature's hint.
    mutating func checkClosure(_ id: ExprID, parameters: [ClosureParameter], result written: TypeSyntax?, body: ExprID,
                               expected: TypeID?, span: SourceSpan) -> TypeID {
        let hint = closureParameterHint
        closureParameterHint = nil
        guard let enclosing = currentFunction else {
            error("E022", "a closure is made at run time and cannot be a constant initializer", at: span)
            return .error
        }
        var wanted: [TypeID?] = Array(repeating: nil, count: parameters.count)
        var expectedResult: TypeID?
        if let expected, case .function(let types, let result, _) = model.types[expected] {
            guard types.count == parameters.count else {
                error("E040", "the closure takes \(parameters.count) parameter\(parameters.count == 1 ? "" : "s") but `\(describe(expected))` takes \(types.count)",
                      at: span)
                return .error
            }
            wanted = types
            expectedResult = result
        } else if let hint, hint.count == parameters.count {
            wanted = hint
        }
        let parameterTypes = closureParameterTypes(parameters, wanted: wanted)
        // A written result that the expected type contradicts is reported
        // once: the body is checked against it, and the closure's value
        // gets the error type.
        var resultContradicted = false
        if let written {
            let type = resolveType(written)
            if let expectedResult, type != .error, expectedResult != .error, type != expectedResult {
                resultContradicted = true
                error("E003", "type mismatch: the closure returns `\(describe(type))` but `\(describe(expectedResult))` is expected", at: written.span)
            }
            expectedResult = type
        }
        let enclosingSymbol = model.functions[enclosing.index]
        let index = closureCounts[enclosing.raw, default: 0]
        closureCounts[enclosing.raw] = index + 1
        let name = "\(enclosingSymbol.name).closure\(index)"
        let decl = FunctionDecl(name: Name(name, span), selfParameter: nil,
                                parameters: parameters.map { Parameter(name: $0.name, type: $0.type ?? .error($0.name.span)) },
                                isVariadic: false, returnType: nil, body: .expression(body), isHot: enclosingSymbol.isHot, span: span)
        let function = FunctionID(raw: Int32(model.functions.count))
        func symbol(parameters: [TypeID], result: TypeID) -> FunctionSymbol {
            FunctionSymbol(name: name, symbol: "vais." + SymbolMangling.mangle(name), kind: .vais, parameters: parameters,
                           result: result, isVariadic: false,
                           isHot: enclosingSymbol.isHot, owner: nil, receiver: nil, declaration: decl,
                           file: enclosingSymbol.file, span: span)
        }
        model.functions.append(symbol(parameters: parameterTypes, result: expectedResult ?? .unit))

        let saved = (scopes: scopes, loops: loops, returnType: returnType)
        let firstLocal = model.locals.count
        closureContexts.append(ClosureContext(function: function, boundary: scopes.count))
        scopes.push()
        loops = []
        currentFunction = function
        // With no result known yet, `R` takes what it is given; the body's
        // value decides the result.
        returnType = expectedResult ?? .error
        for (parameter, type) in zip(parameters, parameterTypes) {
            _ = declareLocal(parameter.name, type: type, mutable: false)
        }
        let returnsValue = expectedResult.map { $0 != .unit } ?? true
        let bodyType = checkExpression(body, expected: returnsValue ? expectedResult : nil, used: returnsValue)
        let result = expectedResult ?? valueType(bodyType) ?? .unit
        if let expectedResult, expectedResult != .unit, requireAssignable(bodyType, to: expectedResult, at: tree[body].span) {
            coerce(body, from: bodyType, to: expectedResult)
        }
        let context = closureContexts.removeLast()
        scopes = saved.scopes
        loops = saved.loops
        returnType = saved.returnType
        currentFunction = enclosing

        let environment = context.captures.isEmpty ? [] : [model.types.pointer(to: .u8)]
        model.functions[function.index] = symbol(parameters: environment + parameterTypes, result: result)
        model.closureFunctions[id] = function
        model.closureCaptures[function] = context.captures
        if model.functionLocals.count < model.functions.count {
            model.functionLocals.append(contentsOf: repeatElement(0..<0, count: model.functions.count - model.functionLocals.count))
        }
        model.functionLocals[function.index] = firstLocal..<model.locals.count
        return resultContradicted ? .error : model.types.intern(.function(parameters: parameterTypes, result: result, variadic: false))
    }

    private mutating func closureParameterTypes(_ parameters: [ClosureParameter], wanted: [TypeID?]) -> [TypeID] {
        var types: [TypeID] = []
        var seen: Set<String> = []
        for (position, parameter) in parameters.enumerated() {
            if !seen.insert(parameter.name.text).inserted {
                error("E007", "the parameter `\(parameter.name.text)` is declared more than once", at: parameter.name.span)
            }
            if let written = parameter.type {
                let type = resolveType(written)
                if let expected = wanted[position], expected != .error, type != .error, expected != type {
                    error("E003", "type mismatch: the closure's parameter `\(parameter.name.text)` is `\(describe(type))` but `\(describe(expected))` is expected",
                          at: parameter.name.span)
                    types.append(expected)
                    continue
                }
                types.append(type)
            } else if let expected = wanted[position] {
                types.append(expected)
            } else {
                error("E041", "cannot infer the type of the closure parameter `\(parameter.name.text)`; write it, as in `|\(parameter.name.text): i64| ...`",
                      at: parameter.name.span)
                types.append(.error)
            }
        }
        return types
    }

    /// The local a name refers to. Inside a closure, a local of an
    /// enclosing function is captured by every closure between the two,
    /// and the name refers to the innermost closure's copy.
    mutating func resolveLocal(_ name: String) -> LocalID? {
        guard let (local, position) = scopes.lookupWithPosition(name) else { return nil }
        var resolved = local
        for index in closureContexts.indices where position < closureContexts[index].boundary {
            resolved = capture(resolved, into: index)
        }
        if checkingDefer { model.localNeedsMemory[resolved.index] = true }
        return resolved
    }

    private mutating func capture(_ outer: LocalID, into index: Int) -> LocalID {
        if let existing = closureContexts[index].captures.first(where: { $0.outer == outer }) { return existing.inner }
        let symbol = model.locals[outer.index]
        let inner = LocalID(raw: Int32(model.locals.count))
        model.locals.append(LocalSymbol(name: symbol.name, type: symbol.type, isMutable: false, span: symbol.span, boundIn: nil))
        model.localNeedsMemory.append(false)
        closureContexts[index].captures.append(Capture(outer: outer, inner: inner))
        return inner
    }

    /// Whether `local` is a closure's copy of a captured local.
    func isCapturedCopy(_ local: LocalID) -> Bool {
        closureContexts.contains { $0.captures.contains { $0.inner == local } }
    }

    /// E042 unless `argument` can be passed to C as a plain function
    /// pointer: a named function, or a closure that captures nothing.
    mutating func requirePlainFunction(_ argument: ExprID) {
        switch tree[argument].kind {
        case .parenthesized(let inner):
            requirePlainFunction(inner)
        case .name, .selfFunction:
            if case .function = model.resolutions[argument.index] { return }
            reportNotPlain(argument, because: "a function value may carry captures")
        case .closure:
            guard let function = model.closureFunctions[argument], let captures = model.closureCaptures[function], !captures.isEmpty else { return }
            let names = captures.map { "`\(model.locals[$0.inner.index].name)`" }.joined(separator: ", ")
            reportNotPlain(argument, because: "this closure captures \(names)")
        default:
            if model.type(of: argument) != .error { reportNotPlain(argument, because: "a function value may carry captures") }
        }
    }

    private mutating func reportNotPlain(_ argument: ExprID, because reason: String) {
        error("E042", "a C function takes a plain function pointer here: pass a named function or a closure that captures nothing (\(reason))",
              at: tree[argument].span)
    }

    /// `D expr`: checked as a statement of the function, and every local it
    /// names is kept in memory, since it runs where the function returns.
    mutating func checkDefer(_ statement: StmtID, _ value: ExprID) {
        guard let function = currentFunction else { return }
        guard loops.isEmpty else {
            error("E043", "`D` inside a loop is not supported: a deferred expression runs once, when the function returns; move it out of the loop",
                  at: tree[statement].span)
            return
        }
        let outer = checkingDefer
        checkingDefer = true
        checkExpression(value, expected: nil, used: false)
        checkingDefer = outer
        model.deferredStatements[function, default: []].append(statement)
    }
}

import VaisSyntax

extension TypeID {
    /// A type parameter that inference has not bound yet, in its bindings:
    /// an ID no type has. (A binding was an optional: an array of those
    /// was made again without them for every call.)
    static let unbound = TypeID(-4)
}

/// Working out type arguments from use, and checking the uses that need
/// it: calls of generic functions, variants of generic enums, literals of
/// generic structs.
extension Checker {
    /// Binds type parameters by matching a parameter's written type against
    /// the type of the value given for it. A parameter keeps its first binding.
    /// `aliases` counts the generic aliases written out on the way, so an
    /// alias that names itself (reported where it is resolved) ends.
    func unify(_ pattern: TypeSyntax, with actual: TypeID, parameters: [String], bindings: inout [TypeID], aliases: Int = 0) {
        guard actual != .error, actual != .never else { return }
        if let expanded = expandedAlias(pattern) {
            if aliases < 16 { unify(expanded, with: actual, parameters: parameters, bindings: &bindings, aliases: aliases + 1) }
            return
        }
        switch pattern {
        case .named(let name):
            if let index = parameters.firstIndex(of: name.text), bindings[index] == .unbound { bindings[index] = actual }
        case .generic(let name, let arguments, _):
            guard let instance = instanceOrigins[actual], instance.template == name.text,
                  instance.arguments.count == arguments.count else { return }
            for (argument, type) in zip(arguments, instance.arguments) {
                unify(argument, with: type, parameters: parameters, bindings: &bindings)
            }
        case .pointer(let pointee, _), .reference(let pointee, _, _):
            if let actualPointee = model.types.pointee(actual) {
                unify(pointee, with: actualPointee, parameters: parameters, bindings: &bindings)
            }
        case .array(let element, _, _):
            if case .array(let actualElement, _) = model.types[actual] {
                unify(element, with: actualElement, parameters: parameters, bindings: &bindings)
            }
        case .function(let parameterTypes, let result, _):
            guard case .function(let actualParameters, let actualResult, _) = model.types[actual] else { return }
            for (parameter, type) in zip(parameterTypes, actualParameters) {
                unify(parameter, with: type, parameters: parameters, bindings: &bindings)
            }
            if let result { unify(result, with: actualResult, parameters: parameters, bindings: &bindings) }
        case .tuple(let elements, _):
            guard let instance = instanceOrigins[actual], instance.template == Self.tupleTemplate,
                  instance.arguments.count == elements.count else { return }
            for (element, type) in zip(elements, instance.arguments) {
                unify(element, with: type, parameters: parameters, bindings: &bindings)
            }
        case .unit, .error:
            return
        }
    }

    /// Whether `pattern` names a parameter that has no binding yet.
    func mentionsUnbound(_ pattern: TypeSyntax, parameters: [String], bindings: [TypeID]) -> Bool {
        switch pattern {
        case .named(let name):
            guard let index = parameters.firstIndex(of: name.text) else { return false }
            return bindings[index] == .unbound
        case .generic(_, let arguments, _), .tuple(let arguments, _):
            return arguments.contains { mentionsUnbound($0, parameters: parameters, bindings: bindings) }
        case .pointer(let inner, _), .reference(let inner, _, _), .array(let inner, _, _):
            return mentionsUnbound(inner, parameters: parameters, bindings: bindings)
        case .function(let parameterTypes, let result, _):
            return parameterTypes.contains { mentionsUnbound($0, parameters: parameters, bindings: bindings) }
                || result.map { mentionsUnbound($0, parameters: parameters, bindings: bindings) } ?? false
        case .unit, .error:
            return false
        }
    }

    /// `pattern` with the parameters bound so far, or nil while it still
    /// names an unbound one.
    mutating func resolvePartially(_ pattern: TypeSyntax, parameters: [String], bindings: [TypeID],
                                   outer: [(name: String, type: TypeID)]) -> TypeID? {
        guard !mentionsUnbound(pattern, parameters: parameters, bindings: bindings) else { return nil }
        // A parameter written alone (`x: T`, most are) is its binding: the
        // newest of that name, as the environment below would find it.
        if case .named(let name) = pattern, TypeTable.builtinNames[name.text] == nil,
           let index = parameters.lastIndex(of: name.text), bindings[index] != .unbound {
            return bindings[index]
        }
        // The environment is built in a buffer kept from call to call.
        var environment = environmentScratch
        environmentScratch = []
        environment.removeAll(keepingCapacity: true)
        environment.append(contentsOf: outer)
        for (name, type) in zip(parameters, bindings) where type != .unbound {
            environment.append((name: name, type: type))
        }
        swap(&environment, &typeEnvironment)
        let type = resolveType(pattern)
        swap(&environment, &typeEnvironment)
        environmentScratch = environment
        return type
    }

    /// Checks the values given for a generic signature and works out its
    /// type arguments: from values with a type of their own first, then from
    /// the type the context expects, then from literals (which adapt to what
    /// is known by then). Returns the bindings (`.unbound` where none was
    /// found) and each value's type.
    mutating func inferTypeArguments<Arguments: RandomAccessCollection<ExprID>>(
        parameters: [String], explicit: [TypeID]?, patterns: [TypeSyntax], arguments: Arguments, result: TypeSyntax?, expected: TypeID?,
        outer: [(name: String, type: TypeID)] = []
    ) -> (bindings: [TypeID], types: [TypeID]) where Arguments.Index == Int {
        var bindings = explicit ?? Array(repeating: .unbound, count: parameters.count)
        // Closures whose parameter types are left open come last, when the
        // other values have bound what their parameters say. Each value's
        // turn is worked out once and held in its slot of `types` until the
        // value is checked: no second array is made for it.
        var types = arguments.map { argument in
            (isOpenClosure(argument) ? ArgumentTurn.openClosure : (isUntypedLiteral(argument) ? .untypedLiteral : .typed)).marker
        }
        var expectedUsed = false
        for turn in ArgumentTurn.allCases {
            for position in arguments.indices where types[position] == turn.marker {
                if !expectedUsed, turn == .untypedLiteral {
                    expectedUsed = true
                    if let result, let expected { unify(result, with: expected, parameters: parameters, bindings: &bindings) }
                }
                guard position < patterns.count else {
                    types[position] = checkExpression(arguments[position], expected: nil)
                    continue
                }
                let hint = resolvePartially(patterns[position], parameters: parameters, bindings: bindings, outer: outer)
                if hint == nil, case .function(let parameterPatterns, _, _) = patterns[position], isOpenClosure(arguments[position]) {
                    closureParameterHint = parameterPatterns.map {
                        resolvePartially($0, parameters: parameters, bindings: bindings, outer: outer)
                    }
                }
                let actual = checkExpression(arguments[position], expected: hint)
                types[position] = actual
                unify(patterns[position], with: actual, parameters: parameters, bindings: &bindings)
            }
        }
        if !expectedUsed, let result, let expected { unify(result, with: expected, parameters: parameters, bindings: &bindings) }
        return (bindings, types)
    }

    /// When a value given for a generic signature is checked: values with a
    /// type of their own, then untyped literals, then open closures.
    enum ArgumentTurn: CaseIterable {
        case typed, untypedLiteral, openClosure

        /// The turn as an ID no type has, until its value's type replaces it.
        var marker: TypeID {
            switch self {
            case .typed: return TypeID(-1)
            case .untypedLiteral: return TypeID(-2)
            case .openClosure: return TypeID(-3)
            }
        }
    }

    /// A closure literal with a parameter whose type is not written.
    @inline(__always)
    func isOpenClosure(_ expr: ExprID) -> Bool {
        var expr = expr
        while case .parenthesized(let inner) = tree[expr].kind { expr = inner }
        guard case .closure(let signature, _) = tree[expr].kind else { return false }
        return tree[signature].parameters.contains { $0.type == nil }
    }

    /// Type arguments written at a use (`f<i64>`), resolved.
    mutating func explicitTypeArguments(of expr: ExprID) -> [TypeID]? {
        tree.typeArguments[expr].map { $0.map { resolveType($0) } }
    }

    /// E028 for the parameters inference left open; nil then.
    /// A value that failed to check (`types` holds `.error`) was reported
    /// already and explains the gap: nothing more is said then.
    mutating func complete(_ bindings: [TypeID], parameters: [String], of name: String, at span: SourceSpan,
                           given types: [TypeID] = []) -> [TypeID]? {
        if !bindings.contains(.unbound) { return bindings }
        let missing = zip(parameters, bindings).filter { $0.1 == .unbound }.map { "`\($0.0)`" }
        guard missing.isEmpty else {
            if types.contains(.error) { return nil }
            error("E028", "cannot infer \(missing.joined(separator: ", ")) for `\(name)`; write the type arguments, as in `\(name)<...>`", at: span)
            return nil
        }
        return bindings.filter { $0 != .unbound }
    }

    /// A call of a generic function by name.
    mutating func checkGenericCall(_ id: ExprID, callee: ExprID, templateIndex: Int, arguments: ExprList, expected: TypeID?) -> TypeID {
        let template = genericFunctions[templateIndex]
        let decl = template.decl
        let span = tree[callee].span
        let explicit = explicitTypeArguments(of: callee)
        if let explicit, explicit.count != template.parameters.count {
            error("E027", "`\(decl.name.text)` takes \(template.parameters.count) type argument(s) but \(explicit.count) were given", at: span)
            checkAll(arguments)
            return .error
        }
        let (bindings, types) = inferTypeArguments(parameters: template.parameters, explicit: explicit,
                                                   patterns: template.patterns, arguments: arguments,
                                                   result: decl.returnType, expected: expected)
        guard let resolved = complete(bindings, parameters: template.parameters, of: decl.name.text, at: span, given: types),
              satisfiesBounds(decl, resolved, at: span),
              let function = instantiateFunction(template, resolved, owner: nil, at: span) else { return .error }
        model.resolutions[callee.index] = .function(function)
        model.callTargets[id.index] = .direct(function)
        requireArguments(arguments, types, parameters: model.functions[function.index].parameters,
                         calleeSpan: span, name: model.functions[function.index].name)
        return model.functions[function.index].result
    }

    /// A variant of a generic enum given without type arguments:
    /// `Some(x)`, `None`, `Option.Some(x)`.
    mutating func checkGenericVariant(_ id: ExprID, templateName: String, variantIndex: Int, arguments: ExprList?,
                                      expected: TypeID?, span: SourceSpan) -> TypeID {
        guard let template = genericTypes[templateName], !template.isStructure else { return .error }
        let parameters = template.parameterNames
        let variant = template.variants[variantIndex]
        var bindings: [TypeID]
        if let expected, let instance = instanceOrigins[expected], instance.template == templateName {
            bindings = instance.arguments
        } else {
            bindings = Array(repeating: .unbound, count: parameters.count)
        }
        var types: [TypeID] = []
        if let arguments {
            (bindings, types) = inferTypeArguments(parameters: parameters, explicit: bindings.contains(.unbound) ? nil : bindings,
                                                   patterns: variant.payload, arguments: arguments, result: nil, expected: nil)
        }
        // An expected type that failed (`p: Plan<bool> = Plan.Nothing`, the
        // bound unmet) was reported already and explains the gap too.
        let given = expected == .error ? types + [.error] : types
        guard let resolved = complete(bindings, parameters: parameters, of: templateName, at: span, given: given) else { return .error }
        let type = instantiateType(templateName, resolved, at: span)
        // By name: an instance keeps one of two variants declared with the
        // same name, so the template's index may be past its end.
        guard case .enumeration(let enumID) = model.types[type],
              let index = model.enums[enumID.index].variants.firstIndex(where: { $0.name == variant.name.text }) else { return .error }
        guard let arguments else { return variantValue(id, enumID, index, span: span) }
        model.callTargets[id.index] = .construct(enumID, index)
        requireArguments(arguments, types, parameters: model.enums[enumID.index].variants[index].payload,
                         calleeSpan: span, name: variant.name.text)
        return type
    }

    /// E005 and E003 for values already checked against a signature.
    mutating func requireArguments(_ arguments: ExprList, _ types: [TypeID], parameters: [TypeID], calleeSpan: SourceSpan, name: String) {
        if arguments.count != parameters.count {
            error("E005", "`\(name)` takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s") but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                  at: calleeSpan)
        }
        for (position, argument) in arguments.enumerated() where position < parameters.count {
            if deferredBinding != nil { noteDeferredUse(argument, expected: parameters[position]) }
            if !handlesOwnMismatch(argument) || isAssignable(types[position], to: parameters[position]) {
                _ = requireAssignable(types[position], to: parameters[position], at: tree[argument].span)
            }
            coerce(argument, from: types[position], to: parameters[position])
        }
    }


    /// `Pair { a: 1, b: 2.0 }`: the arguments come from `Pair<...>` if
    /// written, else from the expected type, else from the field values.
    mutating func checkGenericStructLiteral(_ literal: ExprID, _ template: GenericType, _ decl: StructDecl, _ typeName: Name,
                                            _ fields: FieldList, expected: TypeID?) -> TypeID {
        let parameters = template.parameterNames
        var known = explicitTypeArguments(of: literal)
        if known == nil, let expected, let instance = instanceOrigins[expected], instance.template == decl.name.text {
            known = instance.arguments
        }
        if let known {
            let type = instantiateType(decl.name.text, known, at: typeName.span)
            guard type != .error else {
                for field in fields { checkExpression(field.value, expected: nil) }
                return .error
            }
            return checkFields(fields, of: type, typeName: typeName, checked: [])
        }
        var patterns: [TypeSyntax] = []
        var values: [ExprID] = []
        var positions: [Int] = []
        patterns.reserveCapacity(fields.count)
        values.reserveCapacity(fields.count)
        positions.reserveCapacity(fields.count)
        for (position, field) in fields.enumerated() {
            guard let declared = decl.fields.first(where: { $0.name.text == field.name.text }) else { continue }
            patterns.append(declared.type)
            values.append(field.value)
            positions.append(position)
        }
        let (bindings, types) = inferTypeArguments(parameters: parameters, explicit: nil, patterns: patterns, arguments: values,
                                                   result: nil, expected: nil)
        if bindings.contains(.unbound) {
            // A missing field is the likelier mistake than a missing type argument.
            let missing = decl.fields.filter { field in !fields.contains { $0.name.text == field.name.text } }.map { "`\($0.name.text)`" }
            if !missing.isEmpty {
                error("E011", "missing field\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) in `\(decl.name.text)` literal",
                      at: typeName.span)
                return .error
            }
        }
        guard let resolved = complete(bindings, parameters: parameters, of: decl.name.text, at: typeName.span, given: types) else {
            return .error
        }
        let type = instantiateType(decl.name.text, resolved, at: typeName.span)
        guard type != .error else { return .error }
        var checked = Array(repeating: TypeID?.none, count: fields.count)
        for (position, type) in zip(positions, types) { checked[position] = type }
        return checkFields(fields, of: type, typeName: typeName, checked: checked)
    }
}

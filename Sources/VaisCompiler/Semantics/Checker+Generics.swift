import VaisSyntax

extension Checker {
    /// The type a type parameter (or `Self`) stands for where checking is now.
    func environmentType(_ name: String) -> TypeID? {
        var index = typeEnvironment.count
        while index > 0 {
            index -= 1
            if typeEnvironment[index].name == name { return typeEnvironment[index].type }
        }
        return nil
    }

    func instanceName(_ template: String, _ arguments: [TypeID]) -> String {
        // Sized first: built piece by piece, a long name was regrown two or
        // three times.
        var length = template.utf8.count + 2 * arguments.count
        for argument in arguments { length += typeName(argument).utf8.count }
        var name = ""
        if length > 15 { name.reserveCapacity(length) }
        name += template
        name += "<"
        for (index, argument) in arguments.enumerated() {
            if index > 0 { name += ", " }
            name += typeName(argument)
        }
        name += ">"
        return name
    }

    /// `Pair<i64, f64>`: the struct or enum made from a template with these
    /// arguments, made on first use.
    mutating func instantiateType(_ templateName: String, _ arguments: [TypeID], at span: SourceSpan) -> TypeID {
        // Most uses name a specialization made already (with the right
        // number of arguments): that costs one lookup.
        let instanceKey = InstanceKey(template: templateName, owner: nil, arguments: arguments)
        if let existing = typeInstances[instanceKey] { return existing }
        guard let template = genericTypes[templateName] else { return .error }
        guard arguments.count == template.parameters.count else {
            error("E027", "`\(templateName)` takes \(template.parameters.count) type argument(s) but \(arguments.count) were given", at: span)
            return .error
        }
        if arguments.contains(.error) { return .error }
        let key = instanceName(templateName, arguments)
        guard requireBounds(template.parameters, template.bounds, arguments, instance: key, of: "`\(templateName)`", at: span) else {
            return .error
        }
        guard instantiationDepth < 24 else {
            error("E027", "`\(key)` nests generic types too deeply", at: span)
            return .error
        }
        instantiationDepth += 1
        defer { instantiationDepth -= 1 }
        let saved = typeEnvironment
        typeEnvironment = zip(template.parameterNames, arguments).map { ($0, $1) }
        defer { typeEnvironment = saved }
        switch template.decl {
        case .structure(let decl):
            let id = StructID(raw: Int32(model.structs.count))
            model.structs.append(StructSymbol(name: key, span: decl.name.span, fields: []))
            let type = model.types.intern(.structure(id))
            typeInstances[instanceKey] = type
            instanceOrigins[type] = TypeInstance(template: templateName, arguments: arguments)
            var fields: [StructField] = []
            fields.reserveCapacity(decl.fields.count)
            for field in decl.fields where !fields.contains(where: { $0.name == field.name.text }) {
                fields.append(StructField(name: field.name.text, type: resolveType(field.type), span: field.name.span))
            }
            for (index, field) in fields.enumerated()
            where mayHoldNewInstance(field.type, type) && contains(field.type, structIndex: id.index, visited: []) {
                error("E021", "struct `\(key)` contains itself by value through field `\(field.name)`; use a pointer", at: span)
                fields[index] = StructField(name: field.name, type: .error, span: field.span)
            }
            model.structs[id.index].fields = fields
            return type
        case .enumeration(let decl):
            let id = EnumID(raw: Int32(model.enums.count))
            model.enums.append(EnumSymbol(name: key, span: decl.name.span, variants: []))
            let type = model.types.intern(.enumeration(id))
            typeInstances[instanceKey] = type
            instanceOrigins[type] = TypeInstance(template: templateName, arguments: arguments)
            var variants: [VariantSymbol] = []
            variants.reserveCapacity(decl.variants.count)
            for variant in decl.variants where !variants.contains(where: { $0.name == variant.name.text }) {
                variants.append(VariantSymbol(name: variant.name.text, payload: variant.payload.map { resolveType($0) }, span: variant.name.span))
            }
            for (index, variant) in variants.enumerated()
            where variant.payload.contains(where: { mayHoldNewInstance($0, type) && containsEnum($0, enumIndex: id.index, visited: []) }) {
                error("E021", "enum `\(key)` contains itself by value in variant `\(variant.name)`; use a pointer", at: span)
                variants[index] = VariantSymbol(name: variant.name, payload: variant.payload.map { _ in .error }, span: variant.span)
            }
            model.enums[id.index].variants = variants
            return type
        }
    }

    /// Whether a field of a specialization being made may hold it by value,
    /// so its layout must be walked. A type interned before the
    /// specialization cannot name it, and one being made further out has
    /// no fields yet: only a type interned since (the specialization
    /// itself, or one its fields made) can lead back to it.
    func mayHoldNewInstance(_ field: TypeID, _ instance: TypeID) -> Bool {
        field.raw >= instance.raw
    }

    /// A specialization of a generic function, declared on first use; its
    /// body is checked later, with the other bodies.
    mutating func instantiateFunction(_ template: GenericFunctionTemplate, _ arguments: [TypeID], owner: TypeID?,
                                      at site: SourceSpan) -> FunctionID? {
        guard !arguments.contains(.error) else { return nil }
        let instanceKey = InstanceKey(template: template.decl.name.text, owner: owner, arguments: arguments)
        if let existing = functionInstances[instanceKey] { return existing }
        let ownArguments = arguments.suffix(template.decl.genericParameters.count)
        let name = template.decl.name.text
        let own = ownArguments.isEmpty ? name : instanceName(name, Array(ownArguments))
        let display = owner.map { Self.memberName(typeName($0), own) } ?? own
        var environment: [(name: String, type: TypeID)] = []
        environment.reserveCapacity(arguments.count + 1 + template.associatedTypes.count)
        for (parameter, argument) in zip(template.parameters, arguments) { environment.append((name: parameter, type: argument)) }
        if let owner { environment.append((name: "Self", type: owner)) }
        for (name, type) in template.associatedTypes {
            let saved = typeEnvironment
            typeEnvironment = environment
            environment.append((name: name.text, type: resolveType(type)))
            typeEnvironment = saved
        }
        let decl = tree.cloneFunction(template.decl)
        growExpressionTables()
        let context = FunctionContext(environment: environment, instantiation: ownArguments.isEmpty && owner == nil ? nil : (display, site))
        let saved = (typeEnvironment, instantiation)
        typeEnvironment = environment
        instantiation = context.instantiation
        let id = declareFunction(decl, file: template.file, owner: owner, displayName: display)
        (typeEnvironment, instantiation) = saved
        functionInstances[instanceKey] = id
        functionContexts[id] = context
        return id
    }

    /// The expression tables cover every node, copies included.
    mutating func growExpressionTables() {
        let missing = tree.exprs.count - model.exprTypes.count
        guard missing > 0 else { return }
        model.exprTypes.append(contentsOf: repeatElement(.error, count: missing))
        model.coercions.append(contentsOf: repeatElement(.error, count: missing))
        model.resolutions.append(contentsOf: repeatElement(.none, count: missing))
        model.callTargets.append(contentsOf: repeatElement(nil, count: missing))
    }

    /// A method of a specialized type, made from its generic impl on first use.
    mutating func method(named name: String, of type: TypeID, at site: SourceSpan) -> FunctionID? {
        if let existing = methods[type, name] { return existing }
        guard let instance = instanceOrigins[type] else { return nil }
        for impl in genericImpls[instance.template] ?? [] {
            guard let template = impl.template(named: name), impl.parameterCount == instance.arguments.count else { continue }
            // A method with parameters of its own is specialized per call (`genericMethod`).
            guard template.decl.genericParameters.isEmpty else { return nil }
            let instanceText = typeName(type)
            if !requireBounds(impl.decl.genericParameters, impl.decl.genericBounds, instance.arguments, instance: instanceText,
                              of: "the impl of `\(impl.decl.typeName.text)`", at: site) {
                // The missing trait explains whatever the body would report.
                reportedInstantiations.insert(describe(type) + "." + name)
            }
            guard let id = instantiateFunction(template, instance.arguments, owner: type, at: site) else { return nil }
            methods[type, name] = id
            return id
        }
        return nil
    }

    /// A method with type parameters of its own (`F map<U>(...)`) of
    /// `type`, as a template whose parameters are the impl's then its own,
    /// with the arguments the type gives the impl's.
    func genericMethod(named name: String, of type: TypeID) -> (template: GenericFunctionTemplate, implArguments: [TypeID])? {
        if !genericMethods.isEmpty, let template = genericMethods[type]?[name] { return (template, []) }
        guard let instance = instanceOrigins[type] else { return nil }
        for impl in genericImpls[instance.template] ?? [] {
            guard let template = impl.template(named: name), !template.decl.genericParameters.isEmpty,
                  impl.parameterCount == instance.arguments.count else { continue }
            return (template, instance.arguments)
        }
        return nil
    }

    /// `value.map(f)` where `map` has type parameters of its own: they are
    /// inferred from the arguments and the expected type, the impl's come
    /// from the value's type.
    mutating func checkGenericMethodCall(_ id: ExprID, base: ExprID, name: Name, target: TypeID, derefs: Int,
                                         method: (template: GenericFunctionTemplate, implArguments: [TypeID]),
                                         arguments: ExprList, expected: TypeID?) -> TypeID {
        let decl = method.template.decl
        let own = decl.genericParameters.map(\.text)
        var outer = zip(method.template.parameters, method.implArguments).map { (name: $0, type: $1) }
        outer.append((name: "Self", type: target))
        let targetText = typeName(target)
        let implName = instanceOrigins[target]?.template ?? targetText
        if let impl = method.template.implBounds,
           !requireBounds(impl.parameters, impl.bounds, method.implArguments, instance: targetText,
                          of: "the impl of `\(implName)`", at: name.span) {
            checkAll(arguments)
            return .error
        }
        var explicit: [TypeID]?
        if case .call(let callee, _) = tree[id].kind { explicit = explicitTypeArguments(of: callee) }
        if let explicit, explicit.count != own.count {
            error("E027", "`\(decl.name.text)` takes \(own.count) type argument(s) but \(explicit.count) were given", at: name.span)
            checkAll(arguments)
            return .error
        }
        let (bindings, types) = inferTypeArguments(parameters: own, explicit: explicit, patterns: method.template.patterns,
                                                   arguments: arguments, result: decl.returnType, expected: expected, outer: outer)
        guard let resolved = complete(bindings, parameters: own, of: decl.name.text, at: name.span, given: types),
              satisfiesBounds(decl, resolved, at: name.span),
              let function = instantiateFunction(method.template, method.implArguments + resolved, owner: target, at: name.span)
        else { return .error }
        let symbol = model.functions[function.index]
        if symbol.receiver != nil {
            model.callTargets[id.index] = .method(function, receiverDerefs: derefs)
            if derefs == 0, symbol.receiver != .value { noteAddressTaken(base) }
        } else {
            model.callTargets[id.index] = .direct(function)
        }
        let parameters = symbol.receiver != nil ? Array(symbol.parameters.dropFirst()) : symbol.parameters
        requireArguments(arguments, types, parameters: parameters, calleeSpan: name.span, name: symbol.name)
        return symbol.result
    }
}

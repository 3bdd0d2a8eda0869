import VaisSyntax

extension Checker {
    /// First pass: every struct and enum name, so types can refer to each
    /// other in any order.
    mutating func declareTypes() {
        var preludeEnums: Set<String> = []
        for (file, item) in items {
            switch item {
            case .typeAlias(let decl) where !decl.genericParameters.isEmpty:
                guard declareTypeName(decl.name) else { continue }
                genericAliases[decl.name.text] = decl
            case .typeAlias(let decl):
                guard declareTypeName(decl.name) else { continue }
                typeAliases[decl.name.text] = decl.type
            case .trait(let decl):
                if traits[decl.name.text] != nil {
                    error("E007", "the trait `\(decl.name.text)` is defined more than once", at: decl.name.span)
                } else {
                    traits[decl.name.text] = decl
                    declaredTraits.append(decl.name.text)
                }
            case .structure(let decl) where !decl.genericParameters.isEmpty:
                guard declareTypeName(decl.name) else { continue }
                genericTypes[decl.name.text] = GenericType(.structure(decl))
                // Reported once here: each specialization keeps the first.
                reportRepeatedNames(decl.fields.map(\.name)) { "the field `\($0)` is declared more than once" }
            case .enumeration(let decl) where !decl.genericParameters.isEmpty:
                guard declareTypeName(decl.name) else { continue }
                genericTypes[decl.name.text] = GenericType(.enumeration(decl))
                if file == preludeFile { preludeEnums.insert(decl.name.text) }
                let repeated = reportRepeatedNames(decl.variants.map(\.name)) { "the variant `\($0)` is declared more than once" }
                for (index, variant) in decl.variants.enumerated() where !repeated.contains(index) {
                    genericBareVariants[variant.name.text, default: []].append((decl.name.text, index))
                }
            case .structure(let decl):
                guard declareTypeName(decl.name) else { continue }
                let id = StructID(raw: Int32(model.structs.count))
                model.structs.append(StructSymbol(name: decl.name.text, span: decl.name.span, fields: []))
                typeNames[decl.name.text] = model.types.intern(.structure(id))
            case .enumeration(let decl):
                guard declareTypeName(decl.name) else { continue }
                let id = EnumID(raw: Int32(model.enums.count))
                model.enums.append(EnumSymbol(name: decl.name.text, span: decl.name.span, variants: []))
                typeNames[decl.name.text] = model.types.intern(.enumeration(id))
            default:
                continue
            }
        }
        shadowPreludeVariants(of: preludeEnums)
    }

    /// A program's own variant named as one of the prelude's (`Some` of its
    /// own option type) is the one a bare name means, as in the original;
    /// the prelude's stays reachable through its type (`Option.Some`).
    private mutating func shadowPreludeVariants(of preludeEnums: Set<String>) {
        for enumName in preludeEnums {
            guard let template = genericTypes[enumName] else { continue }
            for name in template.variants.map(\.name.text) {
                guard let variants = genericBareVariants[name] else { continue }
                let own = variants.filter { !preludeEnums.contains($0.0) }
                if !own.isEmpty { genericBareVariants[name] = own }
            }
        }
    }

    /// E007 for each name after the first of its spelling; their indices.
    @discardableResult
    private mutating func reportRepeatedNames(_ names: [Name], _ message: (String) -> String) -> Set<Int> {
        var seen: Set<String> = []
        var repeated: Set<Int> = []
        // A few names (most types have a few fields or variants) are
        // compared, not hashed into a set built for them.
        for (index, name) in names.enumerated()
        where names.count <= 16 ? names[..<index].contains(where: { $0.text == name.text }) : !seen.insert(name.text).inserted {
            error("E007", message(name.text), at: name.span)
            repeated.insert(index)
        }
        return repeated
    }

    private mutating func declareTypeName(_ name: Name) -> Bool {
        if typeNames[name.text] != nil || TypeTable.builtinNames[name.text] != nil || genericTypes[name.text] != nil
            || typeAliases[name.text] != nil || genericAliases[name.text] != nil {
            error("E007", "the type `\(name.text)` is defined more than once", at: name.span)
            return false
        }
        return true
    }

    /// Second pass: struct fields and enum payloads, then a check that no
    /// struct contains itself by value.
    mutating func resolveTypeBodies() {
        var structIndex = 0
        var enumIndex = 0
        for (_, item) in items {
            switch item {
            case .structure(let decl):
                guard case .structure(let id) = model.types[typeNames[decl.name.text] ?? .error], id.index == structIndex else { continue }
                structIndex += 1
                var fields: [StructField] = []
                for field in decl.fields {
                    if fields.contains(where: { $0.name == field.name.text }) {
                        error("E007", "the field `\(field.name.text)` is declared more than once", at: field.name.span)
                        continue
                    }
                    fields.append(StructField(name: field.name.text, type: resolveType(field.type), span: field.name.span))
                }
                model.structs[id.index].fields = fields
            case .enumeration(let decl):
                guard case .enumeration(let id) = model.types[typeNames[decl.name.text] ?? .error], id.index == enumIndex else { continue }
                enumIndex += 1
                var variants: [VariantSymbol] = []
                for variant in decl.variants {
                    if variants.contains(where: { $0.name == variant.name.text }) {
                        error("E007", "the variant `\(variant.name.text)` is declared more than once", at: variant.name.span)
                        continue
                    }
                    variants.append(VariantSymbol(name: variant.name.text, payload: variant.payload.map { resolveType($0) }, span: variant.name.span))
                    bareVariants[variant.name.text, default: []].append((id, variants.count - 1))
                }
                model.enums[id.index].variants = variants
            default:
                continue
            }
        }
        checkRecursiveLayouts()
    }

    private mutating func checkRecursiveLayouts() {
        for index in model.structs.indices {
            for field in model.structs[index].fields where contains(field.type, structIndex: index, visited: []) {
                error("E021", "struct `\(model.structs[index].name)` contains itself by value through field `\(field.name)`; use a pointer",
                      at: field.span)
                model.structs[index].fields = model.structs[index].fields.map {
                    $0.name == field.name ? StructField(name: $0.name, type: .error, span: $0.span) : $0
                }
            }
        }
        for index in model.enums.indices {
            for variant in model.enums[index].variants where variant.payload.contains(where: { containsEnum($0, enumIndex: index, visited: []) }) {
                error("E021", "enum `\(model.enums[index].name)` contains itself by value in variant `\(variant.name)`; use a pointer",
                      at: variant.span)
                model.enums[index].variants = model.enums[index].variants.map {
                    $0.name == variant.name ? VariantSymbol(name: $0.name, payload: $0.payload.map { _ in .error }, span: $0.span) : $0
                }
            }
        }
    }

    /// Whether `type` holds struct `structIndex` by value, directly or nested.
    func contains(_ type: TypeID, structIndex: Int, visited: Set<TypeID>) -> Bool {
        var seen = visited
        return holds(type, .structure(StructID(raw: Int32(structIndex))), seen: &seen)
    }

    func containsEnum(_ type: TypeID, enumIndex: Int, visited: Set<TypeID>) -> Bool {
        var seen = visited
        return holds(type, .enumeration(EnumID(raw: Int32(enumIndex))), seen: &seen)
    }

    /// Whether `type` holds the struct or enum `target` by value. One set
    /// of the types seen serves the whole walk (a type seen once and not
    /// holding it will not hold it the next time): each specialization of
    /// a generic type is walked so, and a set per step cost a copy each.
    private func holds(_ type: TypeID, _ target: TypeKind, seen: inout Set<TypeID>) -> Bool {
        guard seen.insert(type).inserted else { return false }
        let kind = model.types[type]
        switch kind {
        case .structure(let id):
            if kind == target { return true }
            for field in model.structs[id.index].fields where holds(field.type, target, seen: &seen) { return true }
            return false
        case .enumeration(let id):
            if kind == target { return true }
            for variant in model.enums[id.index].variants {
                for payload in variant.payload where holds(payload, target, seen: &seen) { return true }
            }
            return false
        case .array(let element, _):
            return holds(element, target, seen: &seen)
        default:
            return false
        }
    }

    mutating func resolveType(_ syntax: TypeSyntax) -> TypeID {
        switch syntax {
        case .named(let name):
            let hash = NameHash.of(name.text)
            if let builtin = TypeTable.builtinNames[name.text, hash: hash] { return builtin }
            if !typeEnvironment.isEmpty, let bound = environmentType(name.text) { return bound }
            if !hiddenNames.isEmpty { requireImported(name.text, at: name.span) }
            if let declared = typeNames[name.text, hash: hash] { return declared }
            if let alias = typeAliases[name.text] {
                guard !resolvingAliases.contains(name.text) else {
                    error("E002", "the type alias `\(name.text)` refers to itself", at: name.span)
                    return .error
                }
                resolvingAliases.insert(name.text)
                defer { resolvingAliases.remove(name.text) }
                return resolveType(alias)
            }
            if let alias = genericAliases[name.text] {
                let parameters = alias.genericParameters.map(\.text).joined(separator: ", ")
                error("E027", "`\(name.text)` is generic: write its type arguments, as in `\(name.text)<\(parameters)>`", at: name.span)
                return .error
            }
            if let template = genericTypes[name.text] {
                let parameters = template.parameters.map(\.text).joined(separator: ", ")
                error("E027", "`\(name.text)` is generic: write its type arguments, as in `\(name.text)<\(parameters)>`", at: name.span)
                return .error
            }
            if let sized = sizedNumericType(name.text, in: name.span.file) { return sized }
            error("E002", "undefined type `\(name.text)`", at: name.span)
            return .error
        case .generic(let name, let arguments, let span):
            if !hiddenNames.isEmpty { requireImported(name.text, at: name.span) }
            let start = resolvedArguments.count
            for argument in arguments {
                let type = resolveType(argument)
                resolvedArguments.append(type)
            }
            defer { resolvedArguments.removeLast(resolvedArguments.count - start) }
            if genericAliases.isEmpty || genericAliases[name.text] == nil,
               let existing = typeInstances[name.text, resolvedArguments[start...]] {
                return existing
            }
            let resolved = Array(resolvedArguments[start...])
            if !genericAliases.isEmpty, let alias = genericAliases[name.text] { return resolveGenericAlias(alias, resolved, at: span) }
            guard genericTypes[name.text] != nil else {
                if typeNames[name.text] != nil || TypeTable.builtinNames[name.text] != nil || environmentType(name.text) != nil
                    || typeAliases[name.text] != nil {
                    error("E027", "`\(name.text)` is not generic and takes no type arguments", at: name.span)
                } else {
                    error("E002", "undefined type `\(name.text)`", at: name.span)
                }
                return .error
            }
            return instantiateType(name.text, resolved, at: span)
        case .pointer(let pointee, _), .reference(let pointee, _, _):
            let resolved = resolveType(pointee)
            return resolved == .error ? .error : model.types.pointer(to: resolved)
        case .array(let element, let length, _):
            let elementType = resolveType(element)
            guard let count = arrayLength(length) else { return .error }
            return elementType == .error ? .error : model.types.intern(.array(elementType, count: count))
        case .function(let parameters, let result, _):
            let parameterTypes = parameters.map { resolveType($0) }
            let resultType = result.map { resolveType($0) } ?? .unit
            return model.types.intern(.function(parameters: parameterTypes, result: resultType, variadic: false))
        case .tuple(let elements, _):
            return tupleType(elements.map { resolveType($0) })
        case .unit:
            return .unit
        case .error:
            return .error
        }
    }

    /// The value of an array length: a positive integer constant (E025).
    mutating func arrayLength(_ expr: ExprID) -> Int? {
        if let known = model.arrayLengths[expr] { return known }
        let type = checkExpression(expr, expected: .i64)
        if type == .error { return nil }
        guard model.types.isInteger(type), case .integer(let value)? = evaluateConstant(expr), value > 0, value <= 1 << 32 else {
            error("E025", "array length must be a positive integer constant", at: tree[expr].span)
            return nil
        }
        model.arrayLengths[expr] = Int(value)
        return Int(value)
    }

    /// Globals and constants by name, before any type body is resolved, so
    /// an array length may name a constant declared anywhere. Their types
    /// are resolved when their initializers are checked.
    mutating func declareGlobalNames() {
        for (_, item) in items {
            guard case .global(let decl) = item, claimValueName(decl.name) else { continue }
            let id = GlobalID(raw: Int32(model.globals.count))
            let prefix = decl.isConstant ? "vais.const." : "vais.global."
            model.globals.append(GlobalSymbol(name: decl.name.text, symbol: prefix + decl.name.text, type: .error,
                                              isConstant: decl.isConstant, declaration: decl, span: decl.name.span))
            model.constantValues.append(.zero)
            globalStates.append(.pending)
            valueNames[decl.name.text] = .global(id)
        }
    }

    /// Function signatures (methods included), then the predeclared C
    /// functions the program did not declare itself.
    mutating func declareFunctions() {
        for (file, item) in items {
            switch item {
            case .function(let decl) where !decl.genericParameters.isEmpty:
                guard claimValueName(decl.name) else { continue }
                for bound in decl.genericBounds.joined() where traits[bound.text] == nil {
                    error("E002", "undefined trait `\(bound.text)`", at: bound.span)
                }
                genericFunctions.append(GenericFunctionTemplate(decl: decl, file: file, parameters: decl.genericParameters.map(\.text)))
                valueNames[decl.name.text] = .genericFunction(genericFunctions.count - 1)
            case .function(let decl) where decl.body.isExternal && PredeclaredFunctions.isIntrinsic(decl.name.text):
                // `N F load_i64(p: i64) -> i64`, as the original's programs
                // declare them: the compiler's own built-in is meant.
                continue
            case .function(let decl):
                guard claimValueName(decl.name) else { continue }
                let id = declareFunction(decl, file: file, owner: nil)
                valueNames[decl.name.text] = .function(id)
            case .structure(let decl):
                checkBoundNames(decl.genericBounds)
            case .enumeration(let decl):
                checkBoundNames(decl.genericBounds)
            case .typeAlias(let decl):
                checkBoundNames(decl.genericBounds)
            case .implementation(let written):
                checkBoundNames(written.genericBounds)
                guard let impl = implementingTrait(written) else { continue }
                if genericTypes[impl.typeName.text] != nil {
                    declareGenericImpl(impl, file: file)
                } else {
                    declareMethods(impl, file: file)
                }
            default:
                continue
            }
        }
        for builtin in PredeclaredFunctions.all where valueNames[builtin.name] == nil {
            let id = FunctionID(raw: Int32(model.functions.count))
            let parameters = builtin.parameters.map { resolvePredeclared($0) }
            model.functions.append(FunctionSymbol(name: builtin.name, symbol: builtin.name, kind: builtin.kind,
                                                  parameters: parameters, result: resolvePredeclared(builtin.result),
                                                  isVariadic: builtin.isVariadic,
                                                  isHot: false, owner: nil, receiver: nil, declaration: nil, file: nil, span: nil))
            valueNames[builtin.name] = .function(id)
        }
    }

    private mutating func resolvePredeclared(_ spelling: String) -> TypeID {
        if spelling == "()" { return .unit }
        if spelling == PredeclaredFunctions.address { return .i64 }
        if spelling == "never" { return .never }
        if spelling.hasPrefix("*") { return model.types.pointer(to: resolvePredeclared(String(spelling.dropFirst()))) }
        return TypeTable.builtinNames[spelling] ?? .error
    }

    private mutating func claimValueName(_ name: Name) -> Bool {
        if valueNames[name.text] != nil {
            error("E007", "`\(name.text)` is defined more than once", at: name.span)
            return false
        }
        return true
    }

    private mutating func declareMethods(_ impl: ImplDecl, file: FileID) {
        guard let owner = typeNames[impl.typeName.text] ?? TypeTable.builtinNames[impl.typeName.text] else {
            error("E002", "undefined type `\(impl.typeName.text)`", at: impl.typeName.span)
            return
        }
        var environment: [(name: String, type: TypeID)] = [(name: "Self", type: owner)]
        for (name, type) in impl.associatedTypes {
            typeEnvironment = environment
            environment.append((name: name.text, type: resolveType(type)))
        }
        typeEnvironment = []
        for method in impl.methods {
            if !method.genericParameters.isEmpty {
                genericMethods[owner, default: [:]][method.name.text] = GenericFunctionTemplate(
                    decl: method, file: file, parameters: method.genericParameters.map(\.text), associatedTypes: impl.associatedTypes)
                continue
            }
            if methods[owner, method.name.text] != nil {
                error("E007", "the method `\(method.name.text)` is defined more than once for `\(impl.typeName.text)`", at: method.name.span)
                continue
            }
            typeEnvironment = environment
            let id = declareFunction(method, file: file, owner: owner)
            typeEnvironment = []
            functionContexts[id] = FunctionContext(environment: environment, instantiation: nil)
            methods[owner, method.name.text] = id
        }
    }

    /// Methods of a generic type are made per specialization, when used;
    /// here only their parameters are checked against the type's.
    private mutating func declareGenericImpl(_ impl: ImplDecl, file: FileID) {
        guard let template = genericTypes[impl.typeName.text] else { return }
        // `X Pair { ... }` on `S Pair<T>`: the struct's own parameters.
        let impl = impl.genericParameters.isEmpty
            ? ImplDecl(typeName: impl.typeName, methods: impl.methods, genericParameters: template.parameters,
                       traitName: impl.traitName, associatedTypes: impl.associatedTypes)
            : impl
        if impl.genericParameters.count != template.parameters.count {
            error("E027", "`\(impl.typeName.text)` takes \(template.parameters.count) type argument(s); write `X \(impl.typeName.text)<\(template.parameters.map(\.text).joined(separator: ", "))>`",
                  at: impl.typeName.span)
            return
        }
        var seen: Set<String> = Set((genericImpls[impl.typeName.text] ?? []).flatMap { $0.decl.methods.map(\.name.text) })
        for method in impl.methods where !seen.insert(method.name.text).inserted {
            error("E007", "the method `\(method.name.text)` is defined more than once for `\(impl.typeName.text)`", at: method.name.span)
        }
        genericImpls[impl.typeName.text, default: []].append(GenericImpl(impl, file: file))
    }

    mutating func declareFunction(_ decl: FunctionDecl, file: FileID, owner: TypeID?, displayName: String? = nil) -> FunctionID {
        var parameters: [TypeID] = []
        let takesSelf = decl.selfParameter != nil && owner != nil
        if takesSelf || !decl.parameters.isEmpty { parameters.reserveCapacity(decl.parameters.count + (takesSelf ? 1 : 0)) }
        if let (receiver, _) = decl.selfParameter, let owner {
            parameters.append(receiver == .value ? owner : model.types.pointer(to: owner))
        }
        for (position, parameter) in decl.parameters.enumerated() {
            let name = parameter.name.text
            if (takesSelf && name == "self") || decl.parameters[..<position].contains(where: { $0.name.text == name }) {
                error("E007", "the parameter `\(name)` is declared more than once", at: parameter.name.span)
            }
            parameters.append(resolveType(parameter.type))
        }
        let result = decl.returnType.map { resolveType($0) } ?? .unit
        let isExternal: Bool
        if case .external = decl.body { isExternal = true } else { isExternal = false }
        let name = displayName ?? owner.map { Self.memberName(typeName($0), decl.name.text) } ?? decl.name.text
        // Only a specialization's name (or its owner's) holds `<`, `,` or `(`.
        let needsMangling = displayName != nil || owner.map { instanceOrigins[$0] != nil } ?? false
        let symbol = isExternal ? decl.name.text : needsMangling ? SymbolMangling.mangle(name, prefix: "vais.") : "vais." + name
        let id = FunctionID(raw: Int32(model.functions.count))
        model.functions.append(FunctionSymbol(name: name, symbol: symbol, kind: isExternal ? .external : .vais,
                                              parameters: parameters, result: result,
                                              isVariadic: decl.isVariadic, isHot: decl.isHot, owner: owner,
                                              receiver: decl.selfParameter?.0, declaration: decl, file: file, span: decl.name.span))
        return id
    }

    mutating func checkMain(required: Bool, rootFile: FileID) {
        guard case .function(let id)? = valueNames["main"] else {
            if required {
                error("E019", "the program has no `main` function", at: SourceSpan(file: rootFile, start: 0, end: 0))
            }
            return
        }
        let main = model.functions[id.index]
        guard let span = main.span else { return }
        if !main.parameters.isEmpty || !(main.result == .i64 || main.result == .unit || main.result == .error) || main.kind != .vais {
            error("E019", "`main` must take no parameters and return `i64` or nothing", at: span)
            return
        }
        model.mainFunction = id
    }
}

import VaisSyntax

extension Checker {
    /// If `expr` is a bare name that means a type (no local or global
    /// shadows it), that type.
    /// What a bare name before `.` or `::` means when it is not a value.
    enum StaticBase {
        case type(TypeID)
        /// A generic type named without its arguments (`Option` in `Option.Some(x)`).
        case template(String)
    }

    /// If `expr` is a bare name that means a type (no local or global
    /// shadows it), that type or generic template. One scope lookup: field
    /// accesses ask this first, and most bases are locals.
    mutating func staticBase(_ expr: ExprID) -> StaticBase? {
        guard case .name(let text) = tree[expr].kind, case let name = tree[text], lookupLocal(name) == nil, valueNames[name] == nil else { return nil }
        if !hiddenNames.isEmpty, environmentType(name) == nil { requireImported(name, at: tree[expr].span) }
        if let type = typeNames[name] { return .type(type) }
        if genericTypes[name] != nil {
            guard let arguments = tree.typeArguments[expr] else { return .template(name) }
            return .type(instantiateType(name, arguments.map { resolveType($0) }, at: tree[expr].span))
        }
        return environmentType(name).map { .type($0) }
    }

    /// The index of variant `name` in generic enum `template`.
    func genericVariantIndex(_ template: String, _ name: String) -> Int? {
        genericTypes[template]?.variantIndex(name)
    }

    /// `Type.member` and `value.field`, outside a call.
    mutating func checkField(_ id: ExprID, base: ExprID, name: Name, expected: TypeID?) -> TypeID {
        let named = staticBase(base)
        if case .template(let template)? = named {
            guard let index = genericVariantIndex(template, name.text) else {
                error("E013", "`\(template)` has no variant `\(name.text)`", at: name.span)
                return .error
            }
            return checkGenericVariant(id, templateName: template, variantIndex: index, arguments: nil, expected: expected, span: name.span)
        }
        if case .type(let owner)? = named {
            model.resolutions[base.index] = .typeName(owner)
            guard owner != .error else { return .error }
            guard case .enumeration(let enumID) = model.types[owner] else {
                error("E018", "`\(describe(owner)).\(name.text)` is not a value; call a static method as `\(describe(owner)).\(name.text)(...)`",
                      at: name.span)
                return .error
            }
            guard let index = model.enums[enumID.index].variantIndex(name.text) else {
                error("E013", "enum `\(describe(owner))` has no variant `\(name.text)`", at: name.span)
                return .error
            }
            return variantValue(id, enumID, index, span: name.span)
        }
        let baseType = checkExpression(base, expected: nil)
        guard baseType != .error else { return .error }
        let (target, derefs) = peelPointers(baseType)
        guard case .structure(let structID) = model.types[target] else {
            error("E004", "`\(describe(baseType))` has no field `\(name.text)`", at: name.span)
            return .error
        }
        guard let index = model.structs[structID.index].fieldIndex(name.text) else {
            if methods[target, name.text] != nil {
                error("E018", "`\(name.text)` is a method of `\(describe(target))`; call it as `.\(name.text)(...)`", at: name.span)
            } else {
                error("E004", "struct `\(describe(target))` has no field `\(name.text)`", at: name.span)
            }
            return .error
        }
        model.resolutions[id.index] = .field(structID, index, derefs: derefs)
        return model.structs[structID.index].fields[index].type
    }

    /// Follows pointers down to the value: how many loads, and its type.
    func peelPointers(_ type: TypeID) -> (TypeID, Int) {
        var current = type
        var derefs = 0
        while let pointee = model.types.pointee(current) {
            current = pointee
            derefs += 1
        }
        return (current, derefs)
    }

    mutating func checkCall(_ id: ExprID, callee: ExprID, arguments: ExprList, expected: TypeID?) -> TypeID {
        let calleeNode = tree[callee]
        switch calleeNode.kind {
        case .selfFunction:
            guard closureContexts.isEmpty, let current = currentFunction else { break }
            model.resolutions[callee.index] = .function(current)
            model.callTargets[id.index] = .direct(current)
            return checkArguments(arguments, of: current, skippingReceiver: false, calleeSpan: calleeNode.span)
        case .name(let text) where lookupLocal(tree[text]) == nil:
            let name = tree[text]
            if !hiddenNames.isEmpty { requireImported(name, at: calleeNode.span) }
            // Looked up once: most calls name a function.
            let value = valueNames[name]
            if case .function(let function)? = value {
                if !tree.typeArguments.isEmpty, tree.typeArguments[callee] != nil {
                    error("E027", "`\(name)` is not generic and takes no type arguments", at: calleeNode.span)
                }
                model.resolutions[callee.index] = .function(function)
                model.callTargets[id.index] = .direct(function)
                let arguments = foldingByteOffset(id, callee: callee, function: function, arguments: arguments)
                return checkArguments(arguments, of: function, skippingReceiver: false, calleeSpan: calleeNode.span)
            }
            if case .genericFunction(let template)? = value {
                return checkGenericCall(id, callee: callee, templateIndex: template, arguments: arguments, expected: expected)
            }
            let bare = value == nil ? bareVariants[name] : nil
            if let variants = bare, variants.count == 1, let (enumID, index) = variants.first {
                return checkConstruction(id, enumID, index, arguments, span: calleeNode.span)
            }
            if value == nil, bare == nil, let variants = genericBareVariants[name], variants.count == 1,
               let (template, index) = variants.first {
                return checkGenericVariant(id, templateName: template, variantIndex: index, arguments: arguments,
                                           expected: expected, span: calleeNode.span)
            }
            if value == nil, bare == nil, isNumericConversion(name, at: calleeNode.span) {
                return checkNumericConversion(id, name: name, arguments: arguments, calleeSpan: calleeNode.span)
            }
        case .field(let base, let nameID):
            let name = tree[nameID]
            let named = staticBase(base)
            if case .template(let template)? = named {
                model.resolutions[base.index] = .none
                let variantIndex = genericVariantIndex(template, name.text)
                // `Vec::new()` where a `Vec<i64>` is expected: that one's function.
                if variantIndex == nil, let expected, instanceOrigins[expected]?.template == template {
                    guard let function = method(named: name.text, of: expected, at: name.span) else {
                        error("E018", "`\(describe(expected))` has no method `\(name.text)`", at: name.span)
                        checkAll(arguments)
                        return .error
                    }
                    model.resolutions[base.index] = .typeName(expected)
                    model.callTargets[id.index] = .direct(function)
                    return checkArguments(arguments, of: function, skippingReceiver: false, calleeSpan: name.span)
                }
                if genericTypes[template]?.isStructure == true {
                    error("E028", "cannot infer the type arguments of `\(template)` here; write them, as in `\(template)<...>::\(name.text)(...)`",
                          at: name.span)
                    checkAll(arguments)
                    return .error
                }
                guard let index = variantIndex else {
                    error("E013", "`\(template)` has no variant `\(name.text)`; to call a method, write the type arguments (`\(template)<...>.\(name.text)`)",
                          at: name.span)
                    checkAll(arguments)
                    return .error
                }
                return checkGenericVariant(id, templateName: template, variantIndex: index, arguments: arguments,
                                           expected: expected, span: name.span)
            }
            if case .type(let owner)? = named {
                model.resolutions[base.index] = .typeName(owner)
                guard owner != .error else {
                    checkAll(arguments)
                    return .error
                }
                if case .enumeration(let enumID) = model.types[owner], let index = model.enums[enumID.index].variantIndex(name.text) {
                    return checkConstruction(id, enumID, index, arguments, span: name.span)
                }
                if let generic = genericMethod(named: name.text, of: owner) {
                    return checkGenericMethodCall(id, base: base, name: name, target: owner, derefs: 0, method: generic,
                                                  arguments: arguments, expected: expected)
                }
                rejectTypeArguments(callee, name)
                guard let method = method(named: name.text, of: owner, at: name.span) else {
                    let code = if case .enumeration = model.types[owner] { "E013" } else { "E018" }
                    let what = code == "E013" ? "variant or method" : "method"
                    error(code, "`\(describe(owner))` has no \(what) `\(name.text)`", at: name.span)
                    checkAll(arguments)
                    return .error
                }
                model.callTargets[id.index] = .direct(method)
                return checkArguments(arguments, of: method, skippingReceiver: false, calleeSpan: name.span)
            }
            let baseType = checkExpression(base, expected: nil)
            guard baseType != .error else {
                checkAll(arguments)
                if deferredBinding != nil { noteDeferredReceiver(base, method: name.text, arguments: arguments) }
                return .error
            }
            let (target, derefs) = peelPointers(baseType)
            if case .array(_, let count) = model.types[target], arguments.isEmpty, name.text == "len" || name.text == "sum" {
                return rewriteArrayMethod(id, base: base, name: name, count: count, expected: expected)
            }
            if target == .str, derefs == 0, arguments.isEmpty, name.text == "len" {
                return rewriteStringLength(id, base: base, expected: expected)
            }
            if let generic = genericMethod(named: name.text, of: target) {
                return checkGenericMethodCall(id, base: base, name: name, target: target, derefs: derefs, method: generic,
                                              arguments: arguments, expected: expected)
            }
            if let method = method(named: name.text, of: target, at: name.span), model.functions[method.index].receiver != nil {
                rejectTypeArguments(callee, name)
                model.callTargets[id.index] = .method(method, receiverDerefs: derefs)
                if derefs == 0, model.functions[method.index].receiver != .value { noteAddressTaken(base) }
                return checkArguments(arguments, of: method, skippingReceiver: true, calleeSpan: name.span)
            }
            let isStruct = if case .structure(let structID) = model.types[target] { model.structs[structID.index].fieldIndex(name.text) != nil } else { false }
            if !isStruct {
                error("E018", "`\(describe(target))` has no method `\(name.text)`", at: name.span)
                checkAll(arguments)
                return .error
            }
        default:
            break
        }
        let calleeType = checkExpression(callee, expected: nil)
        guard calleeType != .error else {
            checkArguments(ofUntypedCallee: callee, arguments)
            return .error
        }
        guard case .function(let parameters, let result, let variadic) = model.types[calleeType] else {
            error("E008", "`\(describe(calleeType))` is not a function and cannot be called", at: calleeNode.span)
            checkAll(arguments)
            return .error
        }
        model.callTargets[id.index] = .indirect
        checkArgumentList(arguments, parameters: parameters, variadic: variadic, calleeSpan: calleeNode.span, callee: .value)
        return result
    }

    /// E027 for type arguments written on a method that has no type
    /// parameters of its own.
    private mutating func rejectTypeArguments(_ callee: ExprID, _ name: Name) {
        guard !tree.typeArguments.isEmpty, tree.typeArguments[callee] != nil else { return }
        error("E027", "`\(name.text)` is not generic and takes no type arguments", at: name.span)
    }

    /// A call of a value that has no type: its arguments are checked, and
    /// may give the parameters of an open closure binding being tried.
    @inline(never)  // kept out of `checkCall`, which runs for every call
    private mutating func checkArguments(ofUntypedCallee callee: ExprID, _ arguments: ExprList) {
        checkAll(arguments)
        if deferredBinding != nil { noteDeferredCall(callee, arguments: arguments) }
    }

    mutating func checkAll(_ arguments: ExprList) {
        for argument in arguments { checkExpression(argument, expected: nil) }
    }

    private mutating func checkConstruction(_ id: ExprID, _ enumID: EnumID, _ index: Int, _ arguments: ExprList, span: SourceSpan) -> TypeID {
        let variant = model.enums[enumID.index].variants[index]
        model.callTargets[id.index] = .construct(enumID, index)
        checkArgumentList(arguments, parameters: variant.payload, variadic: false, calleeSpan: span, callee: .variant(variant.name))
        return model.types.intern(.enumeration(enumID))
    }

    private mutating func checkArguments(_ arguments: ExprList, of function: FunctionID, skippingReceiver: Bool, calleeSpan: SourceSpan) -> TypeID {
        if model.functions[function.index].kind == .intrinsic, model.functions[function.index].name == "sizeof" {
            return checkSizeOf(arguments, calleeSpan: calleeSpan)
        }
        // Field by field: a copy of the whole symbol would retain its declaration's arrays.
        let parameters = model.functions[function.index].parameters
        let addresses = PredeclaredFunctions.addressPositions(of: model.functions[function.index])
        checkArgumentList(arguments, parameters: skippingReceiver ? Array(parameters.dropFirst()) : parameters,
                          variadic: model.functions[function.index].isVariadic, calleeSpan: calleeSpan,
                          callee: .function(model.functions[function.index].name),
                          takesCFunctions: model.functions[function.index].kind != .vais, addresses: addresses)
        return model.functions[function.index].result
    }

    /// `sizeof(T)`: the bytes a `T` takes, padding included. Its argument
    /// is a type, written as a name or `*name`.
    private mutating func checkSizeOf(_ arguments: ExprList, calleeSpan: SourceSpan) -> TypeID {
        guard arguments.count == 1 else {
            error("E005", "`sizeof` takes 1 argument (a type) but \(arguments.count) were given", at: calleeSpan)
            return .i64
        }
        guard let type = typeWritten(as: arguments[0]) else {
            error("E002", "`sizeof` takes a type, such as `sizeof(i64)` or `sizeof(*Point)`", at: tree[arguments[0]].span)
            return .i64
        }
        model.resolutions[arguments[0].index] = .typeName(type)
        return .i64
    }

    /// The type an expression spells when it is read as one: `Point`, `T`, `*i8`.
    private mutating func typeWritten(as expr: ExprID) -> TypeID? {
        switch tree[expr].kind {
        case .name(let text):
            let name = tree[text]
            return environmentType(name) ?? typeNames[name] ?? TypeTable.builtinNames[name]
        case .unary(.dereference, let inner):
            return typeWritten(as: inner).map { model.types.pointer(to: $0) }
        case .parenthesized(let inner):
            return typeWritten(as: inner)
        default:
            return nil
        }
    }

    /// What is called, named only when an error needs it.
    enum Callee {
        case function(String)
        case variant(String)
        /// A value of function type.
        case value

        var description: String {
            switch self {
            case .function(let name): return "`\(name)`"
            case .variant(let name): return "the variant `\(name)`"
            case .value: return "the function"
            }
        }
    }

    /// `takesCFunctions`: the callee is a C function, whose parameters of
    /// function type are plain C function pointers. `addresses`: the
    /// positions of parameters that take an address as an integer or a pointer.
    private mutating func checkArgumentList(_ arguments: ExprList, parameters: [TypeID], variadic: Bool, calleeSpan: SourceSpan, callee: Callee,
                                            takesCFunctions: Bool = false, addresses: [Int] = []) {
        if arguments.count != parameters.count, !(variadic && arguments.count >= parameters.count) {
            let expected = variadic ? "at least \(parameters.count)" : "\(parameters.count)"
            error("E005", "\(callee.description) takes \(expected) argument\(parameters.count == 1 ? "" : "s") but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                  at: calleeSpan)
        }
        for (position, argument) in arguments.enumerated() {
            guard position < parameters.count else {
                let type = checkExpression(argument, expected: nil)
                if model.types.isAggregate(type) || type == .unit || model.types.isFunction(type) {
                    error("E003", "a C variadic function cannot take `\(describe(type))`", at: tree[argument].span)
                }
                continue
            }
            let expected = parameters[position]
            let actual = checkExpression(argument, expected: expected)
            if addresses.contains(position), model.types.pointee(actual) != nil || actual == .str {
                // An address parameter takes a pointer as its address.
                model.coercions[argument.index] = expected
                continue
            }
            if !handlesOwnMismatch(argument) || isAssignable(actual, to: expected) {
                if requireAssignable(actual, to: expected, at: tree[argument].span), takesCFunctions, model.types.isFunction(expected) {
                    requirePlainFunction(argument)
                }
            }
            coerce(argument, from: actual, to: expected)
        }
    }
}

import VaisSyntax

extension Checker {
    /// E050 for each method of `impl` whose signature differs from the one
    /// `trait` declares: receiver kind, parameter count, a parameter's type
    /// or the result type, compared with `Self` and the impl's associated
    /// types put in. A generic impl is compared on a copy of the checker,
    /// with a stand-in type for each of its type parameters.
    mutating func checkSignatures(of impl: ImplDecl, against trait: TraitDecl) {
        if genericTypes[impl.typeName.text] != nil {
            var scratch = self
            let standIns = impl.genericParameters.map { scratch.standInType($0) }
            let owner = scratch.instantiateType(impl.typeName.text, standIns, at: impl.typeName.span)
            guard owner != .error else { return }
            let environment = zip(impl.genericParameters, standIns).map { (name: $0.text, type: $1) }
            diagnostics.append(contentsOf: scratch.signatureDifferences(of: impl, against: trait, owner: owner, environment: environment))
            return
        }
        guard let owner = typeNames[impl.typeName.text] ?? TypeTable.builtinNames[impl.typeName.text] else { return }
        // Resolving types here again must not repeat what declaring the
        // methods reports about them (an undefined type, say).
        let reported = diagnostics
        let differences = signatureDifferences(of: impl, against: trait, owner: owner, environment: [])
        diagnostics = reported
        diagnostics.append(contentsOf: differences)
    }

    /// A type that stands for type parameter `name` of a generic impl: a
    /// struct of that name that meets every bound.
    private mutating func standInType(_ name: Name) -> TypeID {
        let id = StructID(raw: Int32(model.structs.count))
        model.structs.append(StructSymbol(name: name.text, span: name.span, fields: []))
        for trait in declaredTraits { noteImplementation(of: trait, by: name.text) }
        return model.types.intern(.structure(id))
    }

    private mutating func signatureDifferences(of impl: ImplDecl, against trait: TraitDecl, owner: TypeID,
                                               environment outer: [(name: String, type: TypeID)]) -> [Diagnostic] {
        var environment = outer
        environment.append((name: "Self", type: owner))
        let saved = typeEnvironment
        defer { typeEnvironment = saved }
        for (name, type) in impl.associatedTypes {
            typeEnvironment = environment
            environment.append((name: name.text, type: resolveType(type)))
        }
        var differences: [Diagnostic] = []
        for method in impl.methods {
            guard let declared = trait.methods.first(where: { $0.name.text == method.name.text }),
                  let difference = signatureDifference(method, declared, environment: environment) else { continue }
            let what = "`\(method.name.text)` of `\(impl.typeName.text)` does not match its declaration in trait `\(trait.name.text)`"
            differences.append(Diagnostic(code: "E050", "\(what): \(difference.message)", at: difference.span))
        }
        return differences
    }

    /// The first way `method` differs from `declared`, and where to point.
    private mutating func signatureDifference(_ method: FunctionDecl, _ declared: FunctionDecl,
                                              environment: [(name: String, type: TypeID)]) -> (message: String, span: SourceSpan)? {
        if method.selfParameter?.0 != declared.selfParameter?.0 {
            let span = method.selfParameter?.1 ?? method.name.span
            return ("the trait declares \(Self.receiverText(declared.selfParameter?.0)), this one takes \(Self.receiverText(method.selfParameter?.0))", span)
        }
        if method.parameters.count != declared.parameters.count {
            return ("the trait declares \(declared.parameters.count) parameter(s) besides `self`, this one takes \(method.parameters.count)",
                    method.name.span)
        }
        for (index, (own, required)) in zip(method.parameters, declared.parameters).enumerated() {
            let ownType = resolveSignatureType(own.type, method, environment)
            let requiredType = resolveSignatureType(required.type, declared, environment)
            if ownType != requiredType, ownType != .error, requiredType != .error {
                return ("parameter \(index + 1) (`\(own.name.text)`) is `\(describe(requiredType))` in the trait, `\(describe(ownType))` here",
                        own.type.span)
            }
        }
        let ownResult = method.returnType.map { resolveSignatureType($0, method, environment) } ?? .unit
        let requiredResult = declared.returnType.map { resolveSignatureType($0, declared, environment) } ?? .unit
        if ownResult != requiredResult, ownResult != .error, requiredResult != .error {
            return ("the trait declares a result of `\(describe(requiredResult))`, this one returns `\(describe(ownResult))`",
                    method.returnType?.span ?? method.name.span)
        }
        return nil
    }

    /// A type of a signature, with the function's own type parameters
    /// standing for no type.
    private mutating func resolveSignatureType(_ syntax: TypeSyntax, _ function: FunctionDecl,
                                               _ environment: [(name: String, type: TypeID)]) -> TypeID {
        typeEnvironment = environment + function.genericParameters.map { (name: $0.text, type: .error) }
        return resolveType(syntax)
    }

    private static func receiverText(_ receiver: SelfParameter?) -> String {
        switch receiver {
        case .value: return "`self`"
        case .reference: return "`&self`"
        case .mutableReference: return "`&mut self`"
        case nil: return "no `self`"
        }
    }
}

import VaisSyntax

extension Checker {
    /// The methods an impl of a trait gives its type: its own, then the
    /// trait's defaults it does not replace. Reports a required method it
    /// lacks (E031) and a method the trait does not have (E018). Nil when
    /// the trait is unknown. A method whose signature differs from the
    /// trait's is E050 (see Checker+TraitConformance).
    mutating func implementingTrait(_ impl: ImplDecl) -> ImplDecl? {
        guard let traitName = impl.traitName else { return impl }
        guard let trait = traits[traitName.text] else {
            error("E002", "undefined trait `\(traitName.text)`", at: traitName.span)
            return nil
        }
        guard impl.traitArguments.count == trait.genericParameters.count else {
            error("E027", "trait `\(trait.name.text)` takes \(trait.genericParameters.count) type argument(s) but \(impl.traitArguments.count) were given",
                  at: traitName.span)
            return nil
        }
        let impl = givingTraitArguments(impl, trait)
        var methods = impl.methods
        for method in impl.methods where !trait.methods.contains(where: { $0.name.text == method.name.text }) {
            error("E018", "`\(method.name.text)` is not a method of trait `\(trait.name.text)`", at: method.name.span)
        }
        checkSignatures(of: impl, against: trait)
        for method in trait.methods where !impl.methods.contains(where: { $0.name.text == method.name.text }) {
            if case .external = method.body {
                error("E031", "`\(impl.typeName.text)` does not implement `\(method.name.text)`, which trait `\(trait.name.text)` requires",
                      at: impl.typeName.span)
            } else {
                // A copy per impl: the checker records a type and a
                // resolution per expression, and each impl's `self` differs.
                methods.append(tree.cloneFunction(method))
                growExpressionTables()
            }
        }
        for associated in trait.associatedTypes where !impl.associatedTypes.contains(where: { $0.name.text == associated.text }) {
            error("E031", "`\(impl.typeName.text)` does not give the associated type `\(associated.text)` of trait `\(trait.name.text)`",
                  at: impl.typeName.span)
        }
        noteImplementation(of: trait.name.text, by: impl.typeName.text)
        return ImplDecl(typeName: impl.typeName, methods: methods, genericParameters: impl.genericParameters,
                        traitName: traitName, associatedTypes: impl.associatedTypes, genericBounds: impl.genericBounds)
    }

    /// An impl of a generic trait gives the trait's type parameters as it
    /// gives associated types: its methods (and the defaults it takes) see
    /// `T` of `W Into<T>` as the `f64` of `X i64: Into<f64>`. An impl of a
    /// type that is not generic is recorded with the arguments too, for
    /// bounds such as `T: Into<f64>`.
    private mutating func givingTraitArguments(_ impl: ImplDecl, _ trait: TraitDecl) -> ImplDecl {
        guard !trait.genericParameters.isEmpty else { return impl }
        // A name the impl declares itself (`impl<T> Into<T> for Boxed<T>`) is its own.
        let given = zip(trait.genericParameters, impl.traitArguments).filter { parameter, _ in
            !impl.genericParameters.contains { $0.text == parameter.text }
        }.map { (name: $0.0, type: $0.1) }
        if genericTypes[impl.typeName.text] == nil, let owner = typeNames[impl.typeName.text] ?? TypeTable.builtinNames[impl.typeName.text] {
            typeEnvironment = [(name: "Self", type: owner)]
            let arguments = impl.traitArguments.map { resolveType($0) }
            typeEnvironment = []
            noteImplementation(of: instanceName(trait.name.text, arguments), by: describe(owner))
        }
        return ImplDecl(typeName: impl.typeName, methods: impl.methods, genericParameters: impl.genericParameters,
                        traitName: impl.traitName, traitArguments: impl.traitArguments,
                        associatedTypes: impl.associatedTypes + given, genericBounds: impl.genericBounds)
    }

    /// Whether `type` implements `trait`: by an impl for the type itself
    /// or, for a specialization, for its generic type, when the type
    /// arguments meet that impl's bounds.
    func implements(_ type: TypeID, _ trait: String) -> Bool {
        if hasImplementation(of: trait, by: typeName(type)) { return true }
        guard let instance = instanceOrigins[type], hasImplementation(of: trait, by: instance.template) else { return false }
        guard let impl = boundedImpls[instance.template + ": " + trait] else { return true }
        return unmetBounds(impl.parameters, impl.bounds, instance.arguments).isEmpty
    }

    /// E032 for a type argument that lacks a trait its parameter is bound by.
    mutating func satisfiesBounds(_ decl: FunctionDecl, _ arguments: [TypeID], at span: SourceSpan) -> Bool {
        guard decl.genericBounds.contains(where: { !$0.isEmpty }) else { return true }
        let unmet = unmetBounds(decl.genericParameters, decl.genericBounds, arguments)
            + unmetTraitArguments(decl.genericParameters, decl.genericBounds, arguments)
        for (type, trait, parameter) in unmet {
            error("E032", "`\(describe(type))` does not implement `\(trait)`, which `\(parameter)` of `\(decl.name.text)` requires", at: span)
        }
        return unmet.isEmpty
    }
}

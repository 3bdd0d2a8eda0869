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
        traitImplementations.insert(impl.typeName.text + ": " + trait.name.text)
        return ImplDecl(typeName: impl.typeName, methods: methods, genericParameters: impl.genericParameters,
                        traitName: traitName, associatedTypes: impl.associatedTypes, genericBounds: impl.genericBounds)
    }

    /// Whether `type` implements `trait`: by an impl for the type itself
    /// or, for a specialization, for its generic type, when the type
    /// arguments meet that impl's bounds.
    func implements(_ type: TypeID, _ trait: String) -> Bool {
        if traitImplementations.contains(describe(type) + ": " + trait) { return true }
        guard let instance = instanceOrigins[type], traitImplementations.contains(instance.template + ": " + trait) else { return false }
        guard let impl = boundedImpls[instance.template + ": " + trait] else { return true }
        return unmetBounds(impl.parameters, impl.bounds, instance.arguments).isEmpty
    }

    /// E032 for a type argument that lacks a trait its parameter is bound by.
    mutating func satisfiesBounds(_ decl: FunctionDecl, _ arguments: [TypeID], at span: SourceSpan) -> Bool {
        let unmet = unmetBounds(decl.genericParameters, decl.genericBounds, arguments)
        for (type, trait, parameter) in unmet {
            error("E032", "`\(describe(type))` does not implement `\(trait)`, which `\(parameter)` of `\(decl.name.text)` requires", at: span)
        }
        return unmet.isEmpty
    }
}

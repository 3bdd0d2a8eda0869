import VaisSyntax

/// The parameters and bounds of a generic impl of a trait that has bounds
/// (`impl<T: Show> Show for Boxed<T>`): `Boxed<X>` implements the trait only
/// when `X` meets them.
struct BoundedImpl {
    let parameters: [Name]
    let bounds: [[Name]]
}

extension Checker {
    /// Every `Type: Trait` an impl declares, before any type is resolved:
    /// a struct's field may specialize a generic type whose bounds ask.
    mutating func declareTraitImplementations() {
        for (_, item) in items {
            guard case .implementation(let impl) = item, let trait = impl.traitName else { continue }
            noteImplementation(of: trait.text, by: impl.typeName.text)
            if impl.genericBounds.contains(where: { !$0.isEmpty }) {
                boundedImpls[impl.typeName.text + ": " + trait.text] = BoundedImpl(parameters: impl.genericParameters, bounds: impl.genericBounds)
            }
        }
    }

    /// Records that the type named `typeName` implements `trait` (with its
    /// arguments, as in `Into<f64>`). A type implements a few traits: a
    /// list compared by name costs less than a set of `Type: Trait` strings
    /// built and hashed at every bound checked.
    mutating func noteImplementation(of trait: String, by typeName: String) {
        if traitImplementations[typeName]?.contains(trait) == true { return }
        traitImplementations[typeName, default: []].append(trait)
    }

    func hasImplementation(of trait: String, by typeName: String) -> Bool {
        traitImplementations[typeName]?.contains(trait) ?? false
    }

    /// E002 for a bound that names no trait.
    mutating func checkBoundNames(_ bounds: [[Name]]) {
        for bound in bounds.joined() where traits[bound.text] == nil {
            error("E002", "undefined trait `\(bound.text)`", at: bound.span)
        }
    }

    /// Each argument that lacks a trait its parameter is bound by, with the
    /// trait and the parameter's name. Bounds naming no trait are left to
    /// `checkBoundNames`.
    func unmetBounds(_ parameters: [Name], _ bounds: [[Name]], _ arguments: [TypeID]) -> [(TypeID, String, String)] {
        var unmet: [(TypeID, String, String)] = []
        for (index, traitNames) in bounds.enumerated() where index < arguments.count && index < parameters.count {
            for bound in traitNames where traits[bound.text] != nil && !implements(arguments[index], bound.text) {
                unmet.append((arguments[index], bound.text, parameters[index].text))
            }
        }
        return unmet
    }

    /// Bounds on a generic trait (`T: Into<f64>`) that an argument
    /// implements, but with other arguments (`Into<i32>`). The impls of a
    /// generic type's trait are matched by the trait's name only.
    mutating func unmetTraitArguments(_ parameters: [Name], _ bounds: [[Name]], _ arguments: [TypeID]) -> [(TypeID, String, String)] {
        guard !tree.boundArguments.isEmpty else { return [] }
        var unmet: [(TypeID, String, String)] = []
        for (index, traitNames) in bounds.enumerated() where index < arguments.count && index < parameters.count {
            let argument = arguments[index]
            for bound in traitNames {
                guard let written = tree.boundArguments[bound.span], traits[bound.text] != nil, instanceOrigins[argument] == nil,
                      implements(argument, bound.text) else { continue }
                let saved = typeEnvironment
                typeEnvironment += zip(parameters, arguments).map { (name: $0.text, type: $1) }
                let trait = instanceName(bound.text, written.map { resolveType($0) })
                typeEnvironment = saved
                if !hasImplementation(of: trait, by: describe(argument)) {
                    unmet.append((argument, trait, parameters[index].text))
                }
            }
        }
        return unmet
    }

    /// E032 for a specialization of a generic type, alias or impl (`what`)
    /// whose arguments miss a bound; false when one is missed.
    /// `instance` and `what` are built only for a message.
    mutating func requireBounds(_ parameters: [Name], _ bounds: [[Name]], _ arguments: [TypeID],
                                instance: @autoclosure () -> String, of what: @autoclosure () -> String, at span: SourceSpan) -> Bool {
        // Most specializations have nothing to meet or meet it all: no list is made for them.
        guard bounds.contains(where: { !$0.isEmpty }) else { return true }
        let unmet = unmetBounds(parameters, bounds, arguments) + unmetTraitArguments(parameters, bounds, arguments)
        for (type, trait, parameter) in unmet {
            error("E032", "`\(instance())`: `\(describe(type))` does not implement `\(trait)`, which `\(parameter)` of \(what()) requires",
                  at: span)
        }
        return unmet.isEmpty
    }
}

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
            let key = impl.typeName.text + ": " + trait.text
            traitImplementations.insert(key)
            if impl.genericBounds.contains(where: { !$0.isEmpty }) {
                boundedImpls[key] = BoundedImpl(parameters: impl.genericParameters, bounds: impl.genericBounds)
            }
        }
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
                if !traitImplementations.contains(describe(argument) + ": " + trait) {
                    unmet.append((argument, trait, parameters[index].text))
                }
            }
        }
        return unmet
    }

    /// E032 for a specialization of a generic type, alias or impl (`what`)
    /// whose arguments miss a bound; false when one is missed.
    mutating func requireBounds(_ parameters: [Name], _ bounds: [[Name]], _ arguments: [TypeID],
                                instance: String, of what: String, at span: SourceSpan) -> Bool {
        let unmet = unmetBounds(parameters, bounds, arguments) + unmetTraitArguments(parameters, bounds, arguments)
        for (type, trait, parameter) in unmet {
            error("E032", "`\(instance)`: `\(describe(type))` does not implement `\(trait)`, which `\(parameter)` of \(what) requires",
                  at: span)
        }
        return unmet.isEmpty
    }
}

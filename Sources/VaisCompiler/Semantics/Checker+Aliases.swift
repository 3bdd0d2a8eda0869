import VaisSyntax

extension Checker {
    /// `Pair<i64>` where `type Pair<T> = (T, T)`: the aliased type with the
    /// arguments put in for the parameters. The checks are those of other
    /// aliases (one that refers to itself is E002) and of generic types
    /// (the number of arguments, E027, and the bounds, E032).
    mutating func resolveGenericAlias(_ alias: TypeAliasDecl, _ arguments: [TypeID], at span: SourceSpan) -> TypeID {
        let name = alias.name.text
        guard arguments.count == alias.genericParameters.count else {
            error("E027", "`\(name)` takes \(alias.genericParameters.count) type argument(s) but \(arguments.count) were given", at: span)
            return .error
        }
        guard !resolvingAliases.contains(name) else {
            error("E002", "the type alias `\(name)` refers to itself", at: span)
            return .error
        }
        if arguments.contains(.error) { return .error }
        let instance = instanceName(name, arguments)
        guard requireBounds(alias.genericParameters, alias.genericBounds, arguments, instance: instance, of: "`\(name)`", at: span) else {
            return .error
        }
        // The aliased type sees the alias's parameters and nothing else of
        // where it is used.
        let saved = typeEnvironment
        typeEnvironment = zip(alias.genericParameters, arguments).map { (name: $0.text, type: $1) }
        resolvingAliases.insert(name)
        defer {
            typeEnvironment = saved
            resolvingAliases.remove(name)
        }
        return resolveType(alias.type)
    }
}

extension Checker {
    /// `pattern` with a generic alias it is spelled with (`Pair<T>`)
    /// written out (`(T, T)`), for matching it against a value's type; nil
    /// when it does not name one.
    func expandedAlias(_ pattern: TypeSyntax) -> TypeSyntax? {
        guard !genericAliases.isEmpty, case .generic(let name, let arguments, _) = pattern, let alias = genericAliases[name.text],
              alias.genericParameters.count == arguments.count else { return nil }
        let substitutions = Dictionary(zip(alias.genericParameters.map(\.text), arguments), uniquingKeysWith: { first, _ in first })
        return Self.substitute(substitutions, in: alias.type)
    }

    private static func substitute(_ substitutions: [String: TypeSyntax], in syntax: TypeSyntax) -> TypeSyntax {
        switch syntax {
        case .named(let name):
            return substitutions[name.text] ?? syntax
        case .generic(let name, let arguments, let span):
            return .generic(name, arguments.map { substitute(substitutions, in: $0) }, span)
        case .pointer(let pointee, let span):
            return .pointer(substitute(substitutions, in: pointee), span)
        case .reference(let pointee, let mutable, let span):
            return .reference(substitute(substitutions, in: pointee), mutable: mutable, span)
        case .array(let element, let length, let span):
            return .array(substitute(substitutions, in: element), length: length, span)
        case .function(let parameters, let result, let span):
            return .function(parameters: parameters.map { substitute(substitutions, in: $0) },
                             result: result.map { substitute(substitutions, in: $0) }, span)
        case .tuple(let elements, let span):
            return .tuple(elements.map { substitute(substitutions, in: $0) }, span)
        case .unit, .error:
            return syntax
        }
    }
}

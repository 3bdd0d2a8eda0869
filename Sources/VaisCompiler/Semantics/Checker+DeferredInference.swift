import VaisSyntax

/// A binding whose value leaves type arguments open (`v := Vec::new()`,
/// `n := None`) takes them from the first later use that fixes its type:
/// `v.push(1)`, passing it where a `Vec<i64>` is expected, returning it,
/// assigning it to a typed place. The rest of its block is checked once
/// ahead, on a copy of the checker, to find that use; the copy writes the
/// model's program-wide tables in place and reverts them (see
/// `RevertibleArray`). The value is then checked with the type found as
/// the expected one.
struct DeferredBinding {
    let local: LocalID
    /// The generic type the value makes (`Vec`), when its form says so: a
    /// use fixes the binding only with a specialization of it.
    let template: String?
    var found: TypeID?
}

extension Checker {
    /// The type of `name := value`, from the value or, when it leaves type
    /// arguments open, from the later uses; nil when the value's form
    /// cannot leave them open (the caller checks it then, as any value).
    mutating func checkDeferrableBinding(_ name: Name, value: ExprID, rest: ArraySlice<StmtID>, tail: ExprID?) -> TypeID? {
        guard let template = deferrableForm(value) else { return nil }
        // A closure in the value may hold a binding tried the same way.
        let outer = (deferredSite, inferenceGap)
        (deferredSite, inferenceGap) = (tree[value].span, false)
        let before = (diagnostics, reportedInstantiations)
        let type = checkExpression(value, expected: nil)
        let gap = inferenceGap
        (deferredSite, inferenceGap) = outer
        guard gap else { return type }
        // Checked again below, the value reports its other errors then.
        let firstTry = (diagnostics, reportedInstantiations)
        (diagnostics, reportedInstantiations) = before
        guard let found = typeFromLaterUse(name, template: template, rest: rest, tail: tail) else {
            (diagnostics, reportedInstantiations) = firstTry
            let example = template.map { "\($0)<...>" } ?? "..."
            error("E033", "cannot infer the type of `\(name.text)`: nothing later in the function fixes it; annotate it, as in `\(name.text): \(example) = ...`",
                  at: name.span)
            return .error
        }
        let actual = checkExpression(value, expected: found)
        if requireAssignable(actual, to: found, at: tree[value].span) { coerce(value, from: actual, to: found) }
        return found
    }

    /// Whether `value` has a form that may leave type arguments open, and
    /// the generic type it makes if its form says (`.some(nil)` if not).
    /// Forms only: nothing is checked, so a binding of any other value
    /// costs nothing more.
    private func deferrableForm(_ value: ExprID) -> String?? {
        switch tree[value].kind {
        case .name(let text):
            let name = tree[text]
            guard lookupLocal(name) == nil, valueNames[name] == nil, bareVariants[name] == nil else { return nil }
            guard let template = genericBareVariants[name]?.first?.0 else { return nil }
            return template
        case .field(let base, _):
            return genericTemplateName(base).map { $0 }
        case .structLiteral(let typeName, _) where genericTypes[tree[typeName].text] != nil && tree.typeArguments[value] == nil:
            return tree[typeName].text
        case .call(let callee, _):
            switch tree[callee].kind {
            case .name(let text) where lookupLocal(tree[text]) == nil:
                let name = tree[text]
                if case .genericFunction(let index)? = valueNames[name], tree.typeArguments[callee] == nil {
                    if case .generic(let result, _, _)? = genericFunctions[index].decl.returnType, genericTypes[result.text] != nil {
                        return result.text
                    }
                    return .some(nil)
                }
                guard valueNames[name] == nil, bareVariants[name] == nil, let template = genericBareVariants[name]?.first?.0 else { return nil }
                return template
            case .field(let base, _):
                return genericTemplateName(base).map { $0 }
            default:
                return nil
            }
        case .parenthesized(let inner):
            return deferrableForm(inner)
        default:
            return nil
        }
    }

    /// `Vec` in `Vec::new()`: a generic type named without its arguments.
    private func genericTemplateName(_ base: ExprID) -> String? {
        guard case .name(let text) = tree[base].kind, case let name = tree[text], tree.typeArguments[base] == nil, lookupLocal(name) == nil,
              valueNames[name] == nil, genericTypes[name] != nil else { return nil }
        return name
    }

    /// Checks the rest of the block on a copy of the checker, with the
    /// binding's type left open, until a use fixes it. The copy writes the
    /// model's program-wide tables in place and reverts them after: copied,
    /// they would cost the size of the whole program per binding.
    private mutating func typeFromLaterUse(_ name: Name, template: String?, rest: ArraySlice<StmtID>, tail: ExprID?) -> TypeID? {
        var probe = self
        model.releaseRevertibleTables()
        let mark = probe.model.markTrial()
        let local = probe.declareLocal(name, type: .error, mutable: true)
        probe.deferredBinding = DeferredBinding(local: local, template: template)
        for statement in rest where probe.deferredBinding?.found == nil {
            _ = probe.checkStatement(statement)
        }
        if probe.deferredBinding?.found == nil, let tail {
            probe.checkExpression(tail, expected: probe.returnType == .unit ? nil : probe.returnType)
        }
        probe.model.revertTrial(to: mark)
        model.takeRevertibleTables(from: &probe.model)
        return probe.deferredBinding?.found.map { adopt($0, from: probe, at: name.span) }
    }

    /// A type the probe found, made here: the probe may have made
    /// specializations this checker has not (yet).
    private mutating func adopt(_ type: TypeID, from probe: Checker, at span: SourceSpan) -> TypeID {
        if let instance = probe.instanceOrigins[type] {
            let arguments = instance.arguments.map { adopt($0, from: probe, at: span) }
            if instance.template == Self.tupleTemplate { return tupleType(arguments) }
            return instantiateType(instance.template, arguments, at: span)
        }
        switch probe.model.types[type] {
        case .pointer(let pointee):
            return model.types.pointer(to: adopt(pointee, from: probe, at: span))
        case .array(let element, let count):
            return model.types.intern(.array(adopt(element, from: probe, at: span), count: count))
        case .function(let parameters, let result, let variadic):
            return model.types.intern(.function(parameters: parameters.map { adopt($0, from: probe, at: span) },
                                                result: adopt(result, from: probe, at: span), variadic: variadic))
        default:
            // Primitives and the program's own types were made before any body.
            return type
        }
    }

    /// Swallows an E028 inside the value being tried for deferral: checked
    /// again with the type found, it reports whatever is still open.
    mutating func isDeferredGap(_ code: String, at span: SourceSpan) -> Bool {
        guard code == "E028", let deferredSite, deferredSite.file == span.file,
              deferredSite.start <= span.start, span.end <= deferredSite.end else { return false }
        inferenceGap = true
        return true
    }

    /// A use of the open binding where `type` is expected: `f(v)`, `R v`,
    /// `s.items = v`, `&mut v` where a pointer is expected.
    mutating func noteDeferredUse(_ expr: ExprID, expected type: TypeID?) {
        guard let binding = deferredBinding, binding.found == nil, let type, type != .error else { return }
        switch tree[expr].kind {
        case .name:
            guard case .local(let local) = model.resolutions[expr.index], local == binding.local else { return }
            if let template = binding.template, instanceOrigins[type]?.template != template { return }
            deferredBinding?.found = type
        case .parenthesized(let inner):
            noteDeferredUse(inner, expected: type)
        case .unary(.addressOf, let inner):
            noteDeferredUse(inner, expected: model.types.pointee(type))
        default:
            return
        }
    }

    /// `v.push(1)` on the open binding: the impl's type parameters, as the
    /// method's parameters take the values given, make the type.
    mutating func noteDeferredReceiver(_ base: ExprID, method name: String, arguments: ExprList) {
        guard let binding = deferredBinding, binding.found == nil, let template = binding.template,
              case .local(let local)? = localResolution(base), local == binding.local else { return }
        for impl in genericImpls[template] ?? [] {
            guard let decl = impl.decl.methods.first(where: { $0.name.text == name }) else { continue }
            let parameters = impl.decl.genericParameters.map(\.text)
            var bindings = Array(repeating: TypeID.unbound, count: parameters.count)
            for (pattern, argument) in zip(decl.parameters.map(\.type), arguments) {
                unify(pattern, with: model.type(of: argument), parameters: parameters, bindings: &bindings)
            }
            guard !bindings.contains(.unbound) else { return }
            let type = instantiateType(template, bindings, at: tree[base].span)
            if type != .error { deferredBinding?.found = type }
            return
        }
    }

    private func localResolution(_ expr: ExprID) -> Resolution? {
        if case .parenthesized(let inner) = tree[expr].kind { return localResolution(inner) }
        guard case .name = tree[expr].kind else { return nil }
        return model.resolutions[expr.index]
    }
}

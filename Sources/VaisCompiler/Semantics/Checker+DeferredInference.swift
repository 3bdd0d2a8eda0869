import VaisSyntax

/// A binding whose value leaves type arguments open (`v := Vec::new()`,
/// `n := None`) takes them from the first later use that fixes its type:
/// `v.push(1)`, passing it where a `Vec<i64>` is expected, returning it,
/// assigning it to a typed place. The rest of its block is checked once
/// ahead, on a copy of the checker, to find that use; the copy writes the
/// model's program-wide tables in place and reverts them (see
/// `RevertibleArray`). The value is then checked with the type found as
/// the expected one. A closure literal with untyped parameters
/// (`f := |x| x + k`) is tried the same way: its first call gives them.
struct DeferredBinding {
    let local: LocalID
    /// The generic type the value makes (`Vec`), when its form says so: a
    /// use fixes the binding only with a specialization of it.
    let template: String?
    /// The parameter count of an open closure: a use fixes the binding
    /// only with a function type taking as many.
    let closureArity: Int?
    /// How many trials this one runs inside, itself included.
    let depth: Int
    var found: TypeID?
    /// The argument types of the first call of an open closure, its
    /// parameter types; the result is left to the body.
    var foundParameters: [TypeID?]?

    var isFixed: Bool { found != nil || foundParameters != nil }
}

/// A binding's value whose form may leave its type open.
enum DeferrableForm {
    /// A value that may leave type arguments open, with the generic type
    /// it makes if its form says (`Vec` in `Vec::new()`).
    case value(template: String?)
    /// A closure literal with at least one parameter left untyped.
    case closure([ClosureParameter])
}

extension Checker {
    /// The type of `name := value`, from the value or, when it leaves type
    /// arguments open, from the later uses; nil when the value's form
    /// cannot leave them open (the caller checks it then, as any value).
    mutating func checkDeferrableBinding(_ name: Name, value: ExprID, rest: ArraySlice<StmtID>, tail: ExprID?) -> TypeID? {
        let template: String?
        switch deferrableForm(value) {
        case .value(let made)?: template = made
        case .closure(let parameters)?: return checkDeferrableClosure(name, value: value, parameters: parameters, rest: rest, tail: tail)
        case nil: return nil
        }
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
        guard let found = typeFromLaterUse(name, template: template, closureArity: nil, rest: rest, tail: tail)?.found else {
            (diagnostics, reportedInstantiations) = firstTry
            let example = template.map { "\($0)<...>" } ?? "..."
            error("E033", "cannot infer the type of `\(name.text)`: nothing later in the function fixes it; annotate it, as in `\(name.text): \(example) = ...`",
                  at: name.span)
            return .error
        }
        return checkValue(value, as: found)
    }

    /// `f := |x, y: i64| ...`: the untyped parameters take the argument
    /// types of the first call `f(a, b)`, or the closure takes the function
    /// type a later use expects (`apply(3, f)`). With neither, the closure
    /// reports E041 naming the parameter.
    private mutating func checkDeferrableClosure(_ name: Name, value: ExprID, parameters: [ClosureParameter],
                                                 rest: ArraySlice<StmtID>, tail: ExprID?) -> TypeID {
        let fixed = typeFromLaterUse(name, template: nil, closureArity: parameters.count, rest: rest, tail: tail)
        if let found = fixed?.found { return checkValue(value, as: found) }
        // A written parameter type stays: the call is checked against it.
        closureParameterHint = fixed?.foundParameters.map { found in zip(parameters, found).map { $0.type == nil ? $1 : nil } }
        return checkExpression(value, expected: nil)
    }

    /// The binding's value checked with the type a later use fixed.
    private mutating func checkValue(_ value: ExprID, as found: TypeID) -> TypeID {
        let actual = checkExpression(value, expected: found)
        if requireAssignable(actual, to: found, at: tree[value].span) { coerce(value, from: actual, to: found) }
        return found
    }

    /// Whether `value` has a form that may leave its type open. Forms
    /// only: nothing is checked, so a binding of any other value costs
    /// nothing more.
    private func deferrableForm(_ value: ExprID) -> DeferrableForm? {
        switch tree[value].kind {
        case .name(let text):
            let name = tree[text]
            guard lookupLocal(name) == nil, valueNames[name] == nil, bareVariants[name] == nil else { return nil }
            guard let template = genericBareVariants[name]?.first?.0 else { return nil }
            return .value(template: template)
        case .field(let base, _):
            return genericTemplateName(base).map { .value(template: $0) }
        case .structLiteral(let typeName, _) where genericTypes[tree[typeName].text] != nil && tree.typeArguments[value] == nil:
            return .value(template: tree[typeName].text)
        case .closure(let signature, _):
            return isOpenClosure(value) ? .closure(tree[signature].parameters) : nil
        case .call(let callee, _):
            switch tree[callee].kind {
            case .name(let text) where lookupLocal(tree[text]) == nil:
                let name = tree[text]
                if case .genericFunction(let index)? = valueNames[name], tree.typeArguments[callee] == nil {
                    if case .generic(let result, _, _)? = genericFunctions[index].decl.returnType, genericTypes[result.text] != nil {
                        return .value(template: result.text)
                    }
                    return .value(template: nil)
                }
                guard valueNames[name] == nil, bareVariants[name] == nil, let template = genericBareVariants[name]?.first?.0 else { return nil }
                return .value(template: template)
            case .field(let base, _):
                return genericTemplateName(base).map { .value(template: $0) }
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
    private mutating func typeFromLaterUse(_ name: Name, template: String?, closureArity: Int?, rest: ArraySlice<StmtID>, tail: ExprID?) -> DeferredBinding? {
        var probe = self
        model.releaseRevertibleTables()
        let mark = probe.model.markTrial()
        let local = probe.declareLocal(name, type: .error, mutable: true)
        let depth = (deferredBinding?.depth ?? 0) + 1
        probe.deferredBinding = DeferredBinding(local: local, template: template, closureArity: closureArity, depth: depth)
        for position in rest.indices where probe.deferredBinding?.isFixed == false {
            // An open closure further on (`f := |x| ...` before
            // `v.push(f(1))`) is tried as well, to a few levels, since each
            // level checks the rest of the block again.
            let statement = rest[position]
            let triesClosure = depth < Self.sameBlockTrialLevels && bindsOpenClosure(statement)
            let following = triesClosure ? (rest: rest[(position + 1)...], tail: tail) : nil
            _ = probe.checkStatement(statement, following: following)
        }
        if probe.deferredBinding?.isFixed == false, let tail {
            probe.checkExpression(tail, expected: probe.returnType == .unit ? nil : probe.returnType)
        }
        probe.model.revertTrial(to: mark)
        model.takeRevertibleTables(from: &probe.model)
        guard var binding = probe.deferredBinding, binding.isFixed else { return nil }
        if let found = binding.found { binding.found = adopt(found, from: probe, at: name.span) }
        for case let (position, type?) in (binding.foundParameters ?? []).enumerated() {
            binding.foundParameters?[position] = adopt(type, from: probe, at: name.span)
        }
        return binding
    }

    private static let sameBlockTrialLevels = 3

    private func bindsOpenClosure(_ statement: StmtID) -> Bool {
        guard case .binding(_, _, nil, let value) = tree[statement].kind else { return false }
        return isOpenClosure(value)
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
        guard let binding = deferredBinding, !binding.isFixed, let type, type != .error else { return }
        switch tree[expr].kind {
        case .name:
            guard case .local(let local) = model.resolutions[expr.index], capturedOrigin(local) == binding.local else { return }
            if let template = binding.template, instanceOrigins[type]?.template != template { return }
            if let arity = binding.closureArity {
                guard case .function(let parameters, _, _) = model.types[type], parameters.count == arity else { return }
            }
            deferredBinding?.found = type
        case .parenthesized(let inner):
            noteDeferredUse(inner, expected: type)
        case .unary(.addressOf, let inner):
            noteDeferredUse(inner, expected: model.types.pointee(type))
        default:
            return
        }
    }

    /// `f(a, b)` on an open closure: the arguments' types are its
    /// parameters'. A call with fewer arguments leaves the rest open; both
    /// that and one with more are reported when the call is checked again.
    mutating func noteDeferredCall(_ callee: ExprID, arguments: ExprList) {
        guard let binding = deferredBinding, !binding.isFixed, let arity = binding.closureArity,
              case .local(let local)? = localResolution(callee), capturedOrigin(local) == binding.local else { return }
        let types = (0..<arity).map { $0 < arguments.count ? model.type(of: arguments[$0]) : nil }
        // An argument that depends on another open binding fixes nothing yet.
        guard !types.contains(TypeID.error) else { return }
        deferredBinding?.foundParameters = types
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

    /// The local a closure's copy was captured from, through every
    /// closure between: a use inside a closure's body fixes the binding too.
    private func capturedOrigin(_ local: LocalID) -> LocalID {
        var origin = local
        for context in closureContexts.reversed() {
            if let capture = context.captures.first(where: { $0.inner == origin }) { origin = capture.outer }
        }
        return origin
    }

    private func localResolution(_ expr: ExprID) -> Resolution? {
        if case .parenthesized(let inner) = tree[expr].kind { return localResolution(inner) }
        guard case .name = tree[expr].kind else { return nil }
        return model.resolutions[expr.index]
    }
}

import VaisSyntax

/// Tuples are structs without a name of their own: `(i64, f64)` is a
/// struct of that name with fields `0` and `1`, made once per element list.
extension Checker {
    static let tupleTemplate = "()"

    mutating func tupleType(_ elements: [TypeID]) -> TypeID {
        if elements.contains(.error) { return .error }
        let instanceKey = InstanceKey(template: Self.tupleTemplate, owner: nil, arguments: elements)
        if let existing = typeInstances[instanceKey] { return existing }
        let key = "(" + elements.map { describe($0) }.joined(separator: ", ") + ")"
        let id = StructID(raw: Int32(model.structs.count))
        let fields = elements.enumerated().map { StructField(name: String($0.offset), type: $0.element, span: SourceSpan(file: FileID(0), start: 0, end: 0)) }
        model.structs.append(StructSymbol(name: key, span: SourceSpan(file: FileID(0), start: 0, end: 0), fields: fields))
        let type = model.types.intern(.structure(id))
        typeInstances[instanceKey] = type
        instanceOrigins[type] = TypeInstance(template: Self.tupleTemplate, arguments: elements)
        return type
    }

    /// `(a, b)`: each element checked against the expected tuple's, if any.
    mutating func checkTuple(_ elements: ExprList, expected: TypeID?) -> TypeID {
        var hints: [TypeID]?
        if let expected, let instance = instanceOrigins[expected], instance.template == Self.tupleTemplate,
           instance.arguments.count == elements.count {
            hints = instance.arguments
        }
        var types: [TypeID] = []
        for (position, element) in elements.enumerated() {
            let actual = checkExpression(element, expected: hints?[position])
            if let hint = hints?[position], isAssignable(actual, to: hint), actual != .error {
                coerce(element, from: actual, to: hint)
                types.append(hint)
            } else if model.types.hasValue(actual) || actual == .error {
                types.append(actual)
            } else {
                error("E003", "a tuple element needs a value, not `\(describe(actual))`", at: tree[element].span)
                types.append(.error)
            }
        }
        return tupleType(types)
    }
}

import VaisSyntax

/// The newer spelling's sized numeric type names (`F64`, `UInt8`) and its
/// conversions written as calls (`Int(f)`, `UInt8(n)`), each `x as T`.
/// Both are read only in a file of the newer spelling, and only where the
/// program names nothing else so: its own `struct F64` or `fn Int` wins.
extension Checker {
    static let sizedNumericTypeNames = NameTable<TypeID>([
        "Int8": .i8, "Int16": .i16, "Int32": .i32, "Int64": .i64,
        "UInt8": .u8, "UInt16": .u16, "UInt32": .u32, "UInt64": .u64,
        "F32": .f32, "F64": .f64,
    ])

    /// The sized numeric type `name` names in `file`, asked only once
    /// the name is known to be no other type.
    func sizedNumericType(_ name: String, in file: FileID) -> TypeID? {
        guard tree.newerSpellingFiles.contains(file) else { return nil }
        return Self.sizedNumericTypeNames[name]
    }

    /// Whether a call of `name`, which names no function, variant or
    /// type of the program, is a numeric conversion.
    func isNumericConversion(_ name: String, at span: SourceSpan) -> Bool {
        guard typeNames[name] == nil, tree.newerSpellingFiles.contains(span.file) else { return false }
        return name == "Int" || name == "Float" || Self.sizedNumericTypeNames[name] != nil
    }

    /// `T(x)`: checked as `x as T` is, but of a number or bool only (a
    /// `Str` converted so would give its address, not the number it
    /// spells), then rewritten into that cast.
    mutating func checkNumericConversion(_ id: ExprID, name: String, arguments: ExprList, calleeSpan: SourceSpan) -> TypeID {
        guard arguments.count == 1 else {
            error("E005", "`\(name)(...)` converts one value but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given", at: calleeSpan)
            checkAll(arguments)
            return .error
        }
        let operand = arguments[0]
        let typeSyntax = TypeSyntax.named(Name(name, calleeSpan))
        let target = resolveType(typeSyntax)
        let source = checkExpression(operand, expected: nil)
        guard source != .error, target != .error else { return .error }
        let allowed = switch (model.types[source], model.types[target]) {
        case (.integer, .integer), (.integer, .float), (.float, .integer), (.float, .float), (.bool, .integer): true
        default: source == .never
        }
        guard allowed else {
            let hint = source == .str && model.types.isInteger(target) ? "; to read the number a `Str` spells, call `parse_int(s)`" : ""
            error("E014", "cannot convert `\(describe(source))` to `\(name)`: `\(name)(x)` takes a number\(hint)", at: calleeSpan)
            return .error
        }
        tree.replaceKind(of: id, with: .cast(operand, tree.add(type: typeSyntax), asAt: calleeSpan.start))
        return target
    }
}

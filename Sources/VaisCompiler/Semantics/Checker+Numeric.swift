import VaisSyntax

/// Numeric adaptation, as the language contract has it: integers of any
/// width and signedness convert to each other, integers to floats, `f32`
/// to `f64`, where the other type is expected. Never `bool`, `str` or
/// pointers. The checker records each conversion on the expression whose
/// value is converted; lowering applies it there.
extension Checker {
    /// Records that `expr`'s value (of type `actual`) is used as `expected`.
    mutating func coerce(_ expr: ExprID, from actual: TypeID, to expected: TypeID) {
        guard actual != expected, model.types.isNumeric(expected) else { return }
        // In the newer spelling a bool is 0 or 1 of an integer type (never a float).
        guard model.types.isNumeric(actual) || actual == .bool && boolIsInteger && model.types.isInteger(expected) else { return }
        model.coercions[expr.index] = expected
    }

    /// The value a block ends with, used as `expected`.
    mutating func coerceTail(of block: BlockID, to expected: TypeID) {
        guard let tail = tree[block].tail else { return }
        coerce(tail, from: model.exprTypes[tail.index], to: expected)
    }

    /// The type two numeric types meet at: a float if either is one, else
    /// the wider integer (the first on a tie).
    @inline(__always)
    func widerNumeric(_ first: TypeID, _ second: TypeID) -> TypeID {
        let types = model.types
        if types.isFloat(first) || types.isFloat(second) {
            return types.isFloat(first) && (!types.isFloat(second) || types.bitWidth(first) >= types.bitWidth(second)) ? first : second
        }
        return types.bitWidth(second) > types.bitWidth(first) ? second : first
    }

    /// Whether two different numeric types meet by adaptation; in the
    /// newer spelling, a `bool` and an integer too (at the integer).
    @inline(__always)
    func areAdaptable(_ first: TypeID, _ second: TypeID) -> Bool {
        guard first != second else { return false }
        if model.types.isNumeric(first) && model.types.isNumeric(second) { return true }
        return boolIsInteger && (first == .bool && model.types.isInteger(second) || second == .bool && model.types.isInteger(first))
    }
}

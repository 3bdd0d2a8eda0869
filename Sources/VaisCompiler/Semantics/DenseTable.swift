import VaisSyntax

/// Values by a small dense ID (a type's, an expression's), in an array: a
/// lookup is an index where a dictionary hashed the key, and the checker
/// asks these tables at nearly every field access, call and operator.
struct DenseTable<Value> {
    private var entries: [Value?] = []

    subscript(_ type: TypeID) -> Value? {
        get { self[Int(type.raw)] }
        set { self[Int(type.raw)] = newValue }
    }

    subscript(_ function: FunctionID) -> Value? {
        get { self[function.index] }
        set { self[function.index] = newValue }
    }

    subscript(_ expr: ExprID) -> Value? {
        get { self[expr.index] }
        set { self[expr.index] = newValue }
    }

    private subscript(index: Int) -> Value? {
        get { index < entries.count ? entries[index] : nil }
        set {
            if index >= entries.count {
                guard newValue != nil else { return }
                entries.append(contentsOf: repeatElement(nil, count: index + 1 - entries.count))
            }
            entries[index] = newValue
        }
    }
}

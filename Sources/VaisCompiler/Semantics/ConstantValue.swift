/// The value of a constant expression (global initializers, constants,
/// array lengths).
public indirect enum ConstantValue: Sendable, Equatable {
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case string([UInt8])
    case aggregate([ConstantValue])
    /// A named function as a value, by its symbol.
    case function(String)
    case zero

    var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var isZero: Bool {
        switch self {
        case .zero: return true
        case .integer(let value): return value == 0
        case .float(let value): return value == 0 && value.sign == .plus
        case .bool(let value): return !value
        case .string, .function: return false
        case .aggregate(let elements): return elements.allSatisfy(\.isZero)
        }
    }
}

/// A setting of a profile or trace session as its JSON keeps it: a number
/// as a number, a flag as a flag, words as a string (documents of an
/// older vais-hot, which kept every setting as a string, still read).
public enum SettingValue: Codable, Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    case integer(Int)
    case number(Double)
    case flag(Bool)
    case text(String)

    public init(stringLiteral value: String) { self = .text(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    /// The value as an integer, also from a string an older document wrote.
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .text(let value): Int(value)
        case .number, .flag: nil
        }
    }

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .flag(let value): value ? "yes" : "no"
        case .text(let value): value
        }
    }
}

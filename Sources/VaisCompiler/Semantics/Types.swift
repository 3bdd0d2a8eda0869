/// Index of an interned type in a `TypeTable`.
public struct TypeID: Hashable, Sendable {
    public let raw: Int32
    init(_ raw: Int32) { self.raw = raw }

    public static let error = TypeID(0)
    public static let unit = TypeID(1)
    public static let bool = TypeID(2)
    public static let i8 = TypeID(3)
    public static let i16 = TypeID(4)
    public static let i32 = TypeID(5)
    public static let i64 = TypeID(6)
    public static let u8 = TypeID(7)
    public static let u16 = TypeID(8)
    public static let u32 = TypeID(9)
    public static let u64 = TypeID(10)
    public static let f32 = TypeID(11)
    public static let f64 = TypeID(12)
    public static let str = TypeID(13)
    /// The type of `R`, `B`, `C` and loops that never end: fits anywhere.
    public static let never = TypeID(14)
}

public enum TypeKind: Hashable, Sendable {
    case error, unit, bool, never, str
    case integer(bits: Int, signed: Bool)
    case float(bits: Int)
    case pointer(TypeID)
    case array(TypeID, count: Int)
    case function(parameters: [TypeID], result: TypeID, variadic: Bool)
    case structure(StructID)
    case enumeration(EnumID)
}

/// Interns types so that equal types have equal IDs, and answers questions
/// about them (display names, sizes, LLVM spelling).
public struct TypeTable: Sendable {
    public private(set) var kinds: [TypeKind] = []
    private var lookup: [TypeKind: TypeID] = [:]
    /// Struct, enum and pointer types by the ID they are made of (`.error`
    /// where none is interned): asked for at nearly every field, variant
    /// and address, they are read from an array rather than hashed.
    private var structTypes: [TypeID] = []
    private var enumTypes: [TypeID] = []
    private var pointerTypes: [TypeID] = []

    init() {
        let predefined: [TypeKind] = [
            .error, .unit, .bool,
            .integer(bits: 8, signed: true), .integer(bits: 16, signed: true),
            .integer(bits: 32, signed: true), .integer(bits: 64, signed: true),
            .integer(bits: 8, signed: false), .integer(bits: 16, signed: false),
            .integer(bits: 32, signed: false), .integer(bits: 64, signed: false),
            .float(bits: 32), .float(bits: 64), .str, .never,
        ]
        for kind in predefined { _ = intern(kind) }
    }

    public subscript(id: TypeID) -> TypeKind { kinds[Int(id.raw)] }

    mutating func intern(_ kind: TypeKind) -> TypeID {
        switch kind {
        case .structure(let id): return Self.intern(kind, at: id.index, in: &structTypes, kinds: &kinds)
        case .enumeration(let id): return Self.intern(kind, at: id.index, in: &enumTypes, kinds: &kinds)
        case .pointer(let pointee): return Self.intern(kind, at: Int(pointee.raw), in: &pointerTypes, kinds: &kinds)
        default:
            if let existing = lookup[kind] { return existing }
            let id = TypeID(Int32(kinds.count))
            kinds.append(kind)
            lookup[kind] = id
            return id
        }
    }

    private static func intern(_ kind: TypeKind, at index: Int, in table: inout [TypeID], kinds: inout [TypeKind]) -> TypeID {
        if index < table.count, table[index] != .error { return table[index] }
        if table.count <= index { table.append(contentsOf: repeatElement(.error, count: index + 1 - table.count)) }
        let id = TypeID(Int32(kinds.count))
        kinds.append(kind)
        table[index] = id
        return id
    }

    mutating func pointer(to pointee: TypeID) -> TypeID { intern(.pointer(pointee)) }

    /// The ID of a type that checking already interned (every struct and
    /// enum type is).
    public func existing(_ kind: TypeKind) -> TypeID {
        switch kind {
        case .structure(let id): return Self.entry(id.index, in: structTypes)
        case .enumeration(let id): return Self.entry(id.index, in: enumTypes)
        case .pointer(let pointee): return Self.entry(Int(pointee.raw), in: pointerTypes)
        default: return lookup[kind] ?? .error
        }
    }

    private static func entry(_ index: Int, in table: [TypeID]) -> TypeID {
        index < table.count ? table[index] : .error
    }

    static let builtinNames = NameTable<TypeID>([
        "i8": .i8, "i16": .i16, "i32": .i32, "i64": .i64,
        "u8": .u8, "u16": .u16, "u32": .u32, "u64": .u64,
        "f32": .f32, "f64": .f64, "bool": .bool, "str": .str,
        // The newer spelling's names of the same types. `Char` is an
        // `i64` holding a character's Unicode scalar value, as `'A'` is
        // (see docs/LANGUAGE.md), so it mixes with `Int`.
        "Int": .i64, "Float": .f64, "Bool": .bool, "Str": .str, "Char": .i64,
    ])

    public func isInteger(_ id: TypeID) -> Bool {
        if case .integer = self[id] { return true }
        return false
    }

    public func isSigned(_ id: TypeID) -> Bool {
        if case .integer(_, let signed) = self[id] { return signed }
        return false
    }

    public func isFloat(_ id: TypeID) -> Bool {
        if case .float = self[id] { return true }
        return false
    }

    public func isNumeric(_ id: TypeID) -> Bool { isInteger(id) || isFloat(id) }

    /// A function value: a `{ code, environment }` pair.
    public func isFunction(_ id: TypeID) -> Bool {
        if case .function = self[id] { return true }
        return false
    }

    public func isPointerLike(_ id: TypeID) -> Bool {
        switch self[id] {
        case .pointer, .str: return true
        default: return false
        }
    }

    public func pointee(_ id: TypeID) -> TypeID? {
        if case .pointer(let pointee) = self[id] { return pointee }
        return nil
    }

    public func bitWidth(_ id: TypeID) -> Int {
        switch self[id] {
        case .integer(let bits, _), .float(let bits): return bits
        case .bool: return 1
        default: return 64
        }
    }

    /// Structs, enums and arrays live in memory and are copied, never held
    /// in one register.
    public func isAggregate(_ id: TypeID) -> Bool {
        switch self[id] {
        case .structure, .enumeration, .array: return true
        default: return false
        }
    }

    /// Whether a value of this type can be produced at all (unit and never
    /// have no runtime value).
    public func hasValue(_ id: TypeID) -> Bool {
        switch self[id] {
        case .unit, .never, .error: return false
        default: return true
        }
    }
}

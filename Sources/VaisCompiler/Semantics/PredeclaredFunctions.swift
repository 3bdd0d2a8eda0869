import VaisSyntax

/// The functions every program can call without declaring them: C
/// functions, and the original's raw-memory built-ins on `i64` addresses,
/// which the compiler lowers itself. A program's own declaration of a C
/// function's name replaces it; an extern declaration of a built-in's
/// name (`N F load_i64(p: i64) -> i64`, as the original's programs write)
/// means the built-in.
enum PredeclaredFunctions {
    struct Entry {
        let name: String
        let parameters: [String]
        let result: String
        var isVariadic = false
        var kind = FunctionKind.predeclared
    }

    /// The spelling of an address parameter: an `i64` that also takes any
    /// pointer or `str`, so both the original's `malloc(n)` addresses and
    /// typed pointers (`free(v.data as *i8)`) pass.
    static let address = "addr"

    static let all: [Entry] = [
        Entry(name: "puts", parameters: ["str"], result: "i32"),
        Entry(name: "putchar", parameters: ["i32"], result: "i32"),
        Entry(name: "printf", parameters: ["str"], result: "i32", isVariadic: true),
        Entry(name: "malloc", parameters: ["i64"], result: "i64"),
        Entry(name: "free", parameters: [address], result: "()"),
        Entry(name: "memcpy", parameters: [address, address, "i64"], result: "i64"),
        Entry(name: "memset", parameters: [address, "i32", "i64"], result: "i64"),
        Entry(name: "strlen", parameters: [address], result: "i64"),
        Entry(name: "usleep", parameters: ["u32"], result: "i32"),
        Entry(name: "exit", parameters: ["i32"], result: "never"),
        // C's stdio streams, a `FILE *` held as an `i64` address.
        Entry(name: "fopen", parameters: ["str", "str"], result: "i64"),
        Entry(name: "fclose", parameters: [address], result: "i32"),
        Entry(name: "fputs", parameters: ["str", address], result: "i32"),
        Entry(name: "fgetc", parameters: [address], result: "i32"),
        // From the C math library, which executables link (std/math has the rest).
        Entry(name: "sqrt", parameters: ["f64"], result: "f64"),
        Entry(name: "load_i64", parameters: [address], result: "i64", kind: .intrinsic),
        Entry(name: "store_i64", parameters: [address, "i64"], result: "i64", kind: .intrinsic),
        Entry(name: "load_byte", parameters: [address], result: "i64", kind: .intrinsic),
        Entry(name: "store_byte", parameters: [address, "i64"], result: "i64", kind: .intrinsic),
        Entry(name: "print_i64", parameters: ["i64"], result: "i64", kind: .intrinsic),
        Entry(name: "puts_ptr", parameters: [address], result: "i64", kind: .intrinsic),
        Entry(name: "str_to_ptr", parameters: ["str"], result: "i64", kind: .intrinsic),
        Entry(name: "ptr_to_str", parameters: [address], result: "str", kind: .intrinsic),
        // `sizeof(T)` takes a type; its one parameter is checked apart.
        Entry(name: "sizeof", parameters: ["i64"], result: "i64", kind: .intrinsic),
        // What a broken contract calls (the parser writes these calls).
        Entry(name: Parser.contractViolationName, parameters: ["str"], result: "never", kind: .intrinsic),
    ]

    private static let addressParameters: [String: [Int]] = Dictionary(
        uniqueKeysWithValues: all.map { entry in (entry.name, entry.parameters.indices.filter { entry.parameters[$0] == address }) })

    /// The positions of `function`'s address parameters (none for a
    /// function the program declared itself).
    static func addressPositions(of function: FunctionSymbol) -> [Int] {
        guard function.kind == .predeclared || function.kind == .intrinsic else { return [] }
        return addressParameters[function.name] ?? []
    }

    static func isIntrinsic(_ name: String) -> Bool {
        all.contains { $0.name == name && $0.kind == .intrinsic }
    }
}

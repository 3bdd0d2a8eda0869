/// The newer spelling's named helpers (`bitor(a, b)`, `parse_int(s)`):
/// functions written in Vais that a file of the newer spelling gets by
/// calling one, without an import (see docs/LANGUAGE.md). Only their
/// names live here, for the parser to note the calls.
public enum PreludeFunctions {
    public static let names: Set<String> = [
        "bitand", "bitor", "bitxor", "bitnot", "shl", "shr", "parse_uint", "parse_int",
    ]

    /// Asked of every call of a plain name: a byte compare rules out most
    /// names before any hashing.
    @inline(__always)
    public static func isPreludeFunction(_ name: String) -> Bool {
        switch name.utf8.first {
        case UInt8(ascii: "b"), UInt8(ascii: "s"), UInt8(ascii: "p"): return names.contains(name)
        default: return false
        }
    }
}

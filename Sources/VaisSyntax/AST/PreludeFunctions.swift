/// The newer spelling's named helpers (`bitor(a, b)`, `parse_int(s)`):
/// functions written in Vais that a file of the newer spelling gets by
/// calling one, without an import (see docs/LANGUAGE.md). Only their
/// names live here, for the parser to note the calls.
public enum PreludeFunctions {
    public static let names: Set<String> = [
        "bitand", "bitor", "bitxor", "bitnot", "shl", "shr", "parse_uint", "parse_int",
    ]

    /// Asked of every call of a plain name, with the name's first byte and
    /// length as written: rules out nearly every name without making a
    /// string of it.
    @inline(__always)
    public static func mayBeNamed(first: UInt8, length: UInt32) -> Bool {
        switch first {
        case UInt8(ascii: "b"): length == 5 || length == 6
        case UInt8(ascii: "s"): length == 3
        case UInt8(ascii: "p"): length == 9 || length == 10
        default: false
        }
    }
}

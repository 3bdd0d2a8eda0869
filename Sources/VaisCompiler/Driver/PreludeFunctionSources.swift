/// The Vais source of each of the newer spelling's prelude functions
/// (`PreludeFunctions`). The loader reads only those a program calls and
/// does not declare itself, so a program that calls none parses and
/// checks nothing more. Each stands alone: a program's own function of
/// another helper's name must not change what this one does.
enum PreludeFunctionSources {
    static let path = "<prelude functions>"

    /// The operators as functions, on `i64`: shifts by 64 or more, or by a
    /// negative count, are undefined as `<<` and `>>` are.
    static let sources: [String: String] = [
        "bitand": "F bitand(a: i64, b: i64) -> i64 = a & b",
        "bitor": "F bitor(a: i64, b: i64) -> i64 = a | b",
        "bitxor": "F bitxor(a: i64, b: i64) -> i64 = a ^ b",
        "bitnot": "F bitnot(a: i64) -> i64 = ~a",
        "shl": "F shl(a: i64, count: i64) -> i64 = a << count",
        "shr": "F shr(a: i64, count: i64) -> i64 = a >> count",
        // The leading run of ASCII digits, 0 for none; a longer run wraps
        // as `i64` arithmetic does.
        "parse_uint": """
            F parse_uint(s: str) -> i64 {
                value := mut 0
                at := mut 0
                L {
                    digit := s[at] - 48
                    I digit < 0 || digit > 9 { B }
                    value = value * 10 + digit
                    at += 1
                }
                value
            }
            """,
        // As `parse_uint`, after an optional `-` (a `+` is not a digit).
        "parse_int": """
            F parse_int(s: str) -> i64 {
                negative := s[0] == 45
                value := mut 0
                at := mut I negative { 1 } E { 0 }
                L {
                    digit := s[at] - 48
                    I digit < 0 || digit > 9 { B }
                    value = value * 10 + digit
                    at += 1
                }
                I negative { 0 - value } E { value }
            }
            """,
    ]

    /// One file declaring the functions named.
    static func source(declaring names: [String]) -> String {
        names.compactMap { sources[$0] }.joined(separator: "\n\n") + "\n"
    }
}

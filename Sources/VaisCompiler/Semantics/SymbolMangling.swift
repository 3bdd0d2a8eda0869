/// Object-file and LLVM names for things whose Vais name is not a plain
/// identifier: a specialization such as `Pair<i64, f64>.swap` becomes
/// `Pair$Li64$Cf64$G.swap`. Plain names are left as they are, so existing
/// symbols do not change.
enum SymbolMangling {
    /// `prefix` (`vais.`) is written before the name in the same string.
    static func mangle(_ name: String, prefix: String = "") -> String {
        var name = name
        // The bytes are read through a buffer: iterating a String's UTF-8
        // view cost several times as much per byte.
        guard !name.withUTF8({ $0.allSatisfy(isPlain) }) else { return prefix.isEmpty ? name : prefix + name }
        return name.withUTF8 { bytes in
            // Written straight into the string's storage: each specialization
            // is mangled once, and building an array then a string cost twice.
            return String(unsafeUninitializedCapacity: prefix.utf8.count + bytes.count * 2) { buffer in
                var length = 0
                for byte in prefix.utf8 {
                    buffer[length] = byte
                    length += 1
                }
                for byte in bytes {
                    if isPlain(byte) {
                        buffer[length] = byte
                        length += 1
                    } else if byte != UInt8(ascii: " ") {
                        buffer[length] = UInt8(ascii: "$")
                        buffer[length + 1] = code(of: byte)
                        length += 2
                    }
                }
                return length
            }
        }
    }

    /// The letter after `$` that stands for a character not allowed in a symbol.
    private static func code(of byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "<"): return UInt8(ascii: "L")
        case UInt8(ascii: ">"): return UInt8(ascii: "G")
        case UInt8(ascii: ","): return UInt8(ascii: "C")
        case UInt8(ascii: "*"): return UInt8(ascii: "P")
        case UInt8(ascii: "["): return UInt8(ascii: "A")
        case UInt8(ascii: "]"): return UInt8(ascii: "Z")
        case UInt8(ascii: ";"): return UInt8(ascii: "S")
        case UInt8(ascii: "("): return UInt8(ascii: "O")
        case UInt8(ascii: ")"): return UInt8(ascii: "Q")
        default: return UInt8(ascii: "X")
        }
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}

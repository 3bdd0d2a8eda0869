/// Object-file and LLVM names for things whose Vais name is not a plain
/// identifier: a specialization such as `Pair<i64, f64>.swap` becomes
/// `Pair$Li64$Cf64$G.swap`. Plain names are left as they are, so existing
/// symbols do not change.
enum SymbolMangling {
    static func mangle(_ name: String) -> String {
        guard name.utf8.contains(where: { !isPlain($0) }) else { return name }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count + 8)
        for byte in name.utf8 {
            if isPlain(byte) {
                bytes.append(byte)
                continue
            }
            let code: Character
            switch byte {
            case UInt8(ascii: "<"): code = "L"
            case UInt8(ascii: ">"): code = "G"
            case UInt8(ascii: ","): code = "C"
            case UInt8(ascii: "*"): code = "P"
            case UInt8(ascii: "["): code = "A"
            case UInt8(ascii: "]"): code = "Z"
            case UInt8(ascii: ";"): code = "S"
            case UInt8(ascii: "("): code = "O"
            case UInt8(ascii: ")"): code = "Q"
            case UInt8(ascii: " "): continue
            default: code = "X"
            }
            bytes.append(UInt8(ascii: "$"))
            bytes.append(code.asciiValue ?? UInt8(ascii: "X"))
        }
        return String(decoding: bytes, as: UTF8.self)
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

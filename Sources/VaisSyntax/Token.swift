/// The kinds of token. Keywords have both spellings folded into one kind.
public enum TokenKind: UInt8, Sendable {
    case identifier, integer, float, string
    /// `'A'`, `'\n'`: a character literal, an integer (see `decodeCharacter`).
    case character
    // Keywords
    case kwFn, kwStruct, kwEnum, kwElseOrEnum, kwIf, kwElse, kwLoop, kwWhile, kwFor
    case kwMatch, kwReturn, kwBreak, kwContinueOrConst, kwContinue, kwConst, kwGlobal
    case kwUse, kwExtern, kwImpl, kwTrait, kwMut, kwSelf, kwTrue, kwFalse, kwAs
    // Punctuation
    case lParen, rParen, lBrace, rBrace, lBracket, rBracket
    case comma, semicolon, colon, dot, dotDot, dotDotEqual, ellipsis
    case arrow, fatArrow, colonEqual, colonColon, question, at, hashBracket, atBracket
    case plus, minus, star, slash, percent, amp, pipe, caret, tilde, bang
    case shl, shr, ampAmp, pipePipe
    case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case plusEqual, minusEqual, starEqual, slashEqual, percentEqual
    case endOfFile, invalid

    public var isKeyword: Bool {
        rawValue >= TokenKind.kwFn.rawValue && rawValue <= TokenKind.kwAs.rawValue
    }

    /// How the token is written, for messages.
    public var display: String {
        switch self {
        case .identifier: return "identifier"
        case .integer: return "integer literal"
        case .float: return "float literal"
        case .string: return "string literal"
        case .character: return "character literal"
        case .kwFn: return "'F'"
        case .kwStruct: return "'S'"
        case .kwEnum: return "'EN'"
        case .kwElseOrEnum: return "'E'"
        case .kwIf: return "'I'"
        case .kwElse: return "'else'"
        case .kwLoop: return "'L'"
        case .kwWhile: return "'LW'"
        case .kwFor: return "'LF'"
        case .kwMatch: return "'M'"
        case .kwReturn: return "'R'"
        case .kwBreak: return "'B'"
        case .kwContinueOrConst: return "'C'"
        case .kwContinue: return "'continue'"
        case .kwConst: return "'const'"
        case .kwGlobal: return "'G'"
        case .kwUse: return "'U'"
        case .kwExtern: return "'N'"
        case .kwImpl: return "'X'"
        case .kwTrait: return "'trait'"
        case .kwMut: return "'mut'"
        case .kwSelf: return "'self'"
        case .kwTrue: return "'true'"
        case .kwFalse: return "'false'"
        case .kwAs: return "'as'"
        case .lParen: return "'('"
        case .rParen: return "')'"
        case .lBrace: return "'{'"
        case .rBrace: return "'}'"
        case .lBracket: return "'['"
        case .rBracket: return "']'"
        case .comma: return "','"
        case .semicolon: return "';'"
        case .colon: return "':'"
        case .dot: return "'.'"
        case .dotDot: return "'..'"
        case .dotDotEqual: return "'..='"
        case .ellipsis: return "'...'"
        case .arrow: return "'->'"
        case .fatArrow: return "'=>'"
        case .colonEqual: return "':='"
        case .colonColon: return "'::'"
        case .question: return "'?'"
        case .at: return "'@'"
        case .hashBracket: return "'#['"
        case .atBracket: return "'@['"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .amp: return "'&'"
        case .pipe: return "'|'"
        case .caret: return "'^'"
        case .tilde: return "'~'"
        case .bang: return "'!'"
        case .shl: return "'<<'"
        case .shr: return "'>>'"
        case .ampAmp: return "'&&'"
        case .pipePipe: return "'||'"
        case .equal: return "'='"
        case .equalEqual: return "'=='"
        case .bangEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .plusEqual: return "'+='"
        case .minusEqual: return "'-='"
        case .starEqual: return "'*='"
        case .slashEqual: return "'/='"
        case .percentEqual: return "'%='"
        case .endOfFile: return "end of file"
        case .invalid: return "invalid token"
        }
    }
}

/// One token: its kind, its bytes in the file, and whether a line break
/// came before it (statements end at line breaks). The offsets come first:
/// a one-byte kind ahead of them padded a token to sixteen bytes, where it
/// now takes twelve, and a file's tokens are written once and read often.
public struct Token: Sendable {
    public var start: UInt32
    public var end: UInt32
    public var kind: TokenKind
    public var newlineBefore: Bool

    public init(kind: TokenKind, start: UInt32, end: UInt32, newlineBefore: Bool) {
        self.kind = kind
        self.start = start
        self.end = end
        self.newlineBefore = newlineBefore
    }
}

enum Keywords {
    /// Keyword spellings, short and long, in one table.
    static let spellings: [(String, TokenKind)] = [
        ("F", .kwFn), ("fn", .kwFn),
        ("S", .kwStruct), ("struct", .kwStruct),
        ("EN", .kwEnum), ("enum", .kwEnum),
        ("E", .kwElseOrEnum), ("else", .kwElse), ("EL", .kwElse),
        ("I", .kwIf), ("if", .kwIf),
        ("L", .kwLoop), ("loop", .kwLoop),
        ("LW", .kwWhile), ("while", .kwWhile),
        ("LF", .kwFor), ("for", .kwFor),
        ("M", .kwMatch), ("match", .kwMatch),
        ("R", .kwReturn), ("return", .kwReturn),
        ("B", .kwBreak), ("break", .kwBreak),
        ("C", .kwContinueOrConst), ("continue", .kwContinue), ("const", .kwConst),
        ("G", .kwGlobal), ("global", .kwGlobal),
        ("U", .kwUse), ("use", .kwUse),
        ("N", .kwExtern), ("extern", .kwExtern),
        ("X", .kwImpl), ("impl", .kwImpl), ("trait", .kwTrait),
        ("mut", .kwMut), ("self", .kwSelf),
        ("true", .kwTrue), ("false", .kwFalse), ("as", .kwAs),
        // The newer spelling of the logical operators.
        ("and", .ampAmp), ("or", .pipePipe), ("not", .bang),
    ]

    /// The spellings packed into integers (up to eight bytes, first byte
    /// lowest), placed by a hash of that integer in a table where no two
    /// share a slot: the lexer finds a keyword, or rules one out, with a
    /// multiply and a compare instead of building a String and hashing it.
    static let table = KeywordTable(spellings.map { (pack(Array($0.0.utf8)[...]), $0.1) })

    static func pack<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes.prefix(8) {
            key |= UInt64(byte) << shift
            shift += 8
        }
        return key
    }
}

/// Keywords by a multiplicative hash of their packed spelling. The
/// multiplier is searched for once, when the table is built, among odd
/// numbers of a fixed sequence, until no two keywords collide.
struct KeywordTable: Sendable {
    private static let slotBits: UInt64 = 9
    private let keys: [UInt64]
    private let kinds: [TokenKind]
    private let multiplier: UInt64

    init(_ entries: [(key: UInt64, kind: TokenKind)]) {
        var candidate: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var keys = [UInt64](repeating: 0, count: 1 << Self.slotBits)
            var kinds = [TokenKind](repeating: .identifier, count: 1 << Self.slotBits)
            var collided = false
            for entry in entries {
                let slot = Self.slot(of: entry.key, candidate)
                if keys[slot] != 0 { collided = true; break }
                keys[slot] = entry.key
                kinds[slot] = entry.kind
            }
            if !collided {
                self.keys = keys
                self.kinds = kinds
                multiplier = candidate
                return
            }
            candidate = candidate &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 | 1
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, _ multiplier: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) >> (64 - slotBits))
    }

    /// The keyword whose packed spelling is `key` (no packed spelling is
    /// zero, so an empty slot matches nothing).
    @inline(__always)
    func kind(packed key: UInt64) -> TokenKind? {
        let slot = Self.slot(of: key, multiplier)
        return keys[slot] == key ? kinds[slot] : nil
    }
}

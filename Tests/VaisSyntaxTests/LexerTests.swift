import Testing
@testable import VaisSyntax

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        let file = SourceFile(id: FileID(0), path: "t.vais", bytes: Array(text.utf8))
        return Lexer.tokenize(file).tokens.map(\.kind)
    }

    private func diagnostics(_ bytes: [UInt8]) -> [Diagnostic] {
        Lexer.tokenize(SourceFile(id: FileID(0), path: "t.vais", bytes: bytes)).diagnostics
    }

    @Test("one-letter and long keywords fold into the same kinds")
    func keywordSpellings() {
        #expect(kinds("F fn S struct I if L loop M match R return B break") ==
                [.kwFn, .kwFn, .kwStruct, .kwStruct, .kwIf, .kwIf, .kwLoop, .kwLoop, .kwMatch, .kwMatch,
                 .kwReturn, .kwReturn, .kwBreak, .kwBreak, .endOfFile])
        #expect(kinds("EN enum E else LW while LF for") == [.kwEnum, .kwEnum, .kwElseOrEnum, .kwElse, .kwWhile, .kwWhile, .kwFor, .kwFor, .endOfFile])
    }

    @Test("a capital letter that is no keyword, and longer names, are identifiers")
    func identifiersThatLookLikeKeywords() {
        #expect(kinds("P T Foo F1 Fx _x EN2") == Array(repeating: .identifier, count: 7) + [.endOfFile])
    }

    @Test("numbers: separators, hex, binary, floats and exponents")
    func numbers() {
        #expect(kinds("1_000 0xff 0b1010 3.14 1.0e10 2.5e-3 7") == [.integer, .integer, .integer, .float, .float, .float, .integer, .endOfFile])
        #expect(kinds("1..5") == [.integer, .dotDot, .integer, .endOfFile])
    }

    @Test("comments end at the line; #[ starts an attribute")
    func commentsAndAttributes() {
        #expect(kinds("# a comment F\n#[hot] F") == [.hashBracket, .identifier, .rBracket, .kwFn, .endOfFile])
    }

    @Test("tokens know whether a line break came before them")
    func newlines() {
        let file = SourceFile(id: FileID(0), path: "t.vais", bytes: Array("a b\nc".utf8))
        let tokens = Lexer.tokenize(file).tokens
        #expect(tokens.map(\.newlineBefore) == [true, false, true, true])
    }

    @Test("operators take the longest match")
    func operators() {
        #expect(kinds(":= := -> => ..= ... << >> <= >= == != && || += %=") ==
                [.colonEqual, .colonEqual, .arrow, .fatArrow, .dotDotEqual, .ellipsis, .shl, .shr, .lessEqual,
                 .greaterEqual, .equalEqual, .bangEqual, .ampAmp, .pipePipe, .plusEqual, .percentEqual, .endOfFile])
    }

    @Test("a stray character is reported once and skipped")
    func strayCharacter() {
        let found = diagnostics(Array("x := $y".utf8))
        #expect(found.map(\.code) == ["P001"])
        #expect(kinds("x := $y") == [.identifier, .colonEqual, .identifier, .endOfFile])
    }

    @Test("an unterminated string is P002 at its quote")
    func unterminatedString() {
        let found = diagnostics(Array("x := \"abc\ny".utf8))
        #expect(found.map(\.code) == ["P002"])
        #expect(found.first?.span.start == 5)
    }

    @Test("invalid UTF-8 is P005 at the first bad byte, overlong forms included")
    func invalidUTF8() {
        #expect(diagnostics([0x61, 0x62, 0xFF, 0x63]).first.map { ($0.code, $0.span.start) } ?? ("", 0) == ("P005", 2))
        #expect(diagnostics([0x61, 0xC0, 0xAF]).first?.code == "P005")
        #expect(diagnostics(Array("# é ü\nx := \"漢字 😀\"".utf8)).isEmpty)
    }
}

extension LexerTests {
    @Test("a UTF-8 byte order mark at the start of a file is skipped, and columns on line 1 do not count it")
    func byteOrderMark() {
        var sources = SourceManager()
        let file = sources.add(path: "bom.vais", bytes: [0xEF, 0xBB, 0xBF] + Array("F main() -> i64 = 0\n".utf8))
        let (tokens, diagnostics) = Lexer.tokenize(sources[file])
        #expect(diagnostics.isEmpty)
        let start = sources[file].lineAndColumn(of: tokens.first?.start ?? 0)
        #expect(start.line == 1 && start.column == 1)
        #expect(sources[file].lineText(1) == "F main() -> i64 = 0")
    }
}

@Suite("Lexer: character literals and lifetimes")
struct CharacterLiteralLexerTests {
    private func lex(_ text: String) -> (kinds: [TokenKind], codes: [String], starts: [UInt32]) {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(id: FileID(0), path: "t.vais", bytes: Array(text.utf8)))
        return (tokens.map(\.kind), diagnostics.map(\.code), diagnostics.map(\.span.start))
    }

    @Test("one character or one escape between single quotes is one token")
    func literals() {
        let found = lex(#"'A' 'z' ' ' '"' '\n' '\t' '\r' '\0' '\\' '\'' '\"' '\x41' 'é' '€' '😀'"#)
        #expect(found.kinds == Array(repeating: .character, count: 15) + [.endOfFile])
        #expect(found.codes.isEmpty)
        #expect(lex("c == 'a' and x").kinds == [.identifier, .equalEqual, .character, .ampAmp, .identifier, .endOfFile])
        #expect(lex("'a'..='z'").kinds == [.character, .dotDotEqual, .character, .endOfFile])
    }

    @Test("a character literal's token spans its quotes")
    func spans() {
        let (tokens, _) = Lexer.tokenize(SourceFile(id: FileID(0), path: "t.vais", bytes: Array("f('\\'', 'é')".utf8)))
        #expect(tokens.map { $0.end - $0.start } == [1, 1, 4, 1, 4, 1, 0])
    }

    @Test("an empty literal and one of several characters are P006, and one invalid token")
    func emptyAndSeveral() {
        #expect(lex("x := ''").codes == ["P006"])
        #expect(lex("x := ''").kinds == [.identifier, .colonEqual, .invalid, .endOfFile])
        #expect(lex("x := 'ab' + 1").codes == ["P006"])
        #expect(lex("x := 'ab' + 1").kinds == [.identifier, .colonEqual, .invalid, .plus, .integer, .endOfFile])
        #expect(lex("x := '12'").codes == ["P006"])
        #expect(lex("x := 'éa'").codes == ["P006"])
    }

    @Test("a literal its line ends in is P002 at its quote")
    func unterminated() {
        for text in ["x := 'A\ny", "x := '1\ny", "x := '\ny", "x := '", "x := '\\'\ny", "f('B)"] {
            let found = lex(text)
            #expect(found.codes == ["P002"], "\(text)")
            #expect(found.starts == [text.hasPrefix("f") ? 2 : 5], "\(text)")
            #expect(found.kinds.contains(.invalid), "\(text)")
        }
    }

    @Test("an escape is not checked here: the parser decodes it (P003)")
    func escapesAreTokens() {
        #expect(lex(#"'\q' '\x4'"#).kinds == [.character, .character, .endOfFile])
    }

    @Test("a quote before a name in a type or generic list is a lifetime: P018, skipped")
    func lifetimes() {
        let found = lex("F f<'a, T: 'b>(x: &'a i64, y: &'static str) -> i64")
        #expect(found.codes == ["P018", "P018", "P018", "P018"])
        #expect(found.starts == [4, 11, 19, 31])
        #expect(!found.kinds.contains(.invalid))
        #expect(!found.kinds.contains(.character))
        #expect(lex("F g<'a: 'b>()").codes == ["P018", "P018"])
        // At the end of a line or before an operator, a letter after a quote
        // is a character literal left open.
        #expect(lex("c := 'B\n").codes == ["P002"])
        #expect(lex("c := 'B + 1").codes == ["P002"])
    }
}

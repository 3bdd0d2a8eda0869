/// What the parser keeps while it reads lists and names, in one object: a
/// debug build copies the parser at many calls, so it must stay small.
final class ParserScratch {
    /// Elements of the lists being read, the innermost list's last: each
    /// list moves into the tree's shared storage when it ends, so reading
    /// one makes no array of its own. Unchecked: one parser uses them.
    @exclusivity(unchecked) var exprs: [ExprID] = []
    @exclusivity(unchecked) var fields: [FieldInitializer] = []
    @exclusivity(unchecked) var arms: [MatchArm] = []
    @exclusivity(unchecked) var identifierTexts = IdentifierTexts()
    /// Whether the file is written in the newer spelling: it has a `let`
    /// binding, or names `Int`, `Bool`, `Char`, `Str` or `Float` as a type
    /// (see `SyntaxTree.newerSpellingFiles`). Kept here, not in the parser,
    /// which is copied at some calls: a field more there costs every file.
    @exclusivity(unchecked) var writesNewerSpelling = false
    /// Prelude functions the file calls by name; they count only if the
    /// file turns out to be of the newer spelling.
    @exclusivity(unchecked) var calledPreludeFunctions: Set<String> = []
}

/// A recursive-descent parser over the token stream of one file, appending
/// into a shared `SyntaxTree`. It recovers from errors at statement and item
/// boundaries so that one mistake does not hide the next.
public struct Parser {
    let file: SourceFile
    /// Mutable only so that a `>>` closing two generic argument lists can
    /// be split in place (`Option<Pair<i64, i64>>`).
    var tokens: [Token]
    var index = 0
    var tree: SyntaxTree
    var diagnostics = DiagnosticBag()
    /// Current nesting of expressions and blocks; bounded so that hostile
    /// input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 96
    /// Operators, casts, calls, indexes and field accesses chained in the
    /// expression being parsed, and the height of the deepest expression
    /// nested in it: a chain is built without recursion here, but it is
    /// as deep a tree as nesting to the checker and the lowering.
    var chainLinks = 0
    var nestedHeight = 0
    /// Deep enough for any expression a person writes, shallow enough that
    /// every recursive walk of the tree fits a 512 KB thread stack.
    static let maximumHeight = 1_000
    /// Set after a syntax error until the parser reaches the next statement
    /// or item, so one mistake is reported once, not once per token.
    var recovering = false
    /// Byte ranges of items skipped as not supported yet.
    var skippedRanges: [Range<UInt32>] = []
    /// Inside `#[ensures(...)]`, where `return` names the result.
    var readingEnsures = false
    /// Whether a refinement type may be read here (a function's parameter
    /// or result), and those read since the function's last one.
    var allowsRefinements = false
    var pendingRefinements: [(binder: Name, predicate: ExprID, text: String)] = []
    let scratch = ParserScratch()

    init(file: SourceFile, tokens: [Token], tree: SyntaxTree) {
        self.file = file
        self.tokens = tokens
        self.tree = tree
    }

    /// Lexes and parses `file`, appending its items to `tree`.
    public static func parse(_ file: SourceFile, into tree: inout SyntaxTree) -> [Diagnostic] {
        let (tokens, lexDiagnostics) = Lexer.tokenize(file)
        tree.reserveCapacity(forTokens: tokens.count)
        var parser = Parser(file: file, tokens: tokens, tree: tree)
        tree = SyntaxTree()
        parser.parseItems()
        if parser.scratch.writesNewerSpelling {
            parser.tree.newerSpellingFiles.insert(file.id)
            parser.tree.calledPreludeFunctions.formUnion(parser.scratch.calledPreludeFunctions)
        }
        tree = parser.tree
        let skipped = parser.skippedRanges
        let lexed = lexDiagnostics.filter { diagnostic in !skipped.contains { $0.contains(diagnostic.span.start) } }
        return lexed + parser.diagnostics.all
    }

    // MARK: Tokens

    var current: Token { tokens[index] }
    var kind: TokenKind { tokens[index].kind }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        let target = index + offset
        return target < tokens.count ? tokens[target].kind : .endOfFile
    }

    func peekToken(_ offset: Int) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    /// Inlined: it is asked of nearly every token, most often to say no.
    @inline(__always)
    mutating func accept(_ expected: TokenKind) -> Bool {
        guard kind == expected else { return false }
        advance()
        return true
    }

    func span(of token: Token) -> SourceSpan {
        SourceSpan(file: file.id, start: token.start, end: token.end)
    }

    var currentSpan: SourceSpan { span(of: current) }

    /// The span of the token before the current one, for the end of a node.
    var previousEnd: UInt32 { index > 0 ? tokens[index - 1].end : 0 }

    func span(from start: UInt32) -> SourceSpan {
        SourceSpan(file: file.id, start: start, end: max(start, previousEnd))
    }

    /// Whether `token` is spelled `word`, without making a String: the
    /// parser asks this of identifiers that are keywords only in context
    /// (`dyn`, `type`, `pub`), which are checked on hot paths. Inlined: a
    /// call from a mutating method hands the callee a copy of the parser.
    @inline(__always)
    func spells(_ token: Token, _ word: StaticString) -> Bool {
        let length = Int(token.end - token.start)
        guard length == word.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        let expected = word.utf8Start
        for offset in 0..<length where file.bytes[start + offset] != expected[offset] { return false }
        return true
    }

    func text(of token: Token) -> String {
        String(decoding: file.bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// The name `token` spells, with where it is written.
    mutating func spelledName(_ token: Token) -> Name {
        Name(identifierText(token), span(of: token))
    }

    /// What `token` spells, shared with the earlier tokens spelling it.
    mutating func identifierText(_ token: Token) -> String {
        scratch.identifierTexts.text(of: file.bytes, Int(token.start)..<Int(token.end))
    }

    /// The expressions listed since `mark`, moved into the tree.
    mutating func takeListedExprs(from mark: Int) -> ExprListID {
        let list = tree.add(list: scratch.exprs[mark...])
        scratch.exprs.removeLast(scratch.exprs.count - mark)
        return list
    }

    // MARK: Errors

    /// Reports `expected X, found Y` at the current token. Invalid tokens
    /// were already reported by the lexer, so they add nothing here.
    mutating func errorExpected(_ what: String, code: String = "P010") {
        guard kind != .invalid, !recovering else { return }
        recovering = true
        let found = kind == .endOfFile ? "end of file" : "'\(text(of: current))'"
        diagnostics.error(code, "expected \(what), found \(found)", at: currentSpan)
    }

    /// Inlined, its error path not: nearly every call finds its token.
    @inline(__always)
    mutating func expect(_ expected: TokenKind, _ what: String? = nil) -> Bool {
        if accept(expected) { return true }
        reportMissing(expected, what)
        return false
    }

    @inline(never)
    private mutating func reportMissing(_ expected: TokenKind, _ what: String?) {
        errorExpected(what ?? expected.display)
    }

    mutating func expectIdentifier(_ what: String) -> Name? {
        guard kind == .identifier else {
            errorExpected(what)
            return nil
        }
        let token = advance()
        return spelledName(token)
    }

    /// Skips to the start of the next statement: a token on a new line, a
    /// `;`, or the `}` that closes the enclosing block.
    mutating func synchronizeStatement() {
        recovering = false
        var nesting = 0
        let start = index
        while kind != .endOfFile {
            if index > start, current.newlineBefore, nesting == 0 { return }
            switch kind {
            case .lBrace, .lParen, .lBracket: nesting += 1
            case .rBrace, .rParen, .rBracket:
                if nesting == 0 { return }
                nesting -= 1
            case .semicolon where nesting == 0:
                advance()
                return
            default: break
            }
            advance()
        }
    }

    /// Skips to the next token that can start an item at the start of a line.
    mutating func synchronizeItem() {
        recovering = false
        advance()
        while kind != .endOfFile {
            if current.newlineBefore, Self.startsItem(kind) { return }
            advance()
        }
    }

    static func startsItem(_ kind: TokenKind) -> Bool {
        switch kind {
        case .kwFn, .kwStruct, .kwEnum, .kwElseOrEnum, .kwGlobal, .kwContinueOrConst, .kwConst,
             .kwUse, .kwExtern, .kwImpl, .kwTrait, .hashBracket, .atBracket:
            return true
        default:
            return false
        }
    }

    /// Whether the current token ends a statement here.
    var atStatementEnd: Bool {
        switch kind {
        case .semicolon, .rBrace, .endOfFile: return true
        default: return current.newlineBefore
        }
    }
}

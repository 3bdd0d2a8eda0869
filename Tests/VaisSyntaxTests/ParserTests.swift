import Testing
@testable import VaisSyntax

@Suite("Parser")
struct ParserTests {
    private func parse(_ text: String) -> (SyntaxTree, [Diagnostic]) {
        var tree = SyntaxTree()
        let diagnostics = Parser.parse(SourceFile(id: FileID(0), path: "t.vais", bytes: Array(text.utf8)), into: &tree)
        return (tree, diagnostics)
    }

    /// The body expression of the only function, printed with parentheses.
    private func shape(_ expression: String) -> String {
        let (tree, diagnostics) = parse("F f() = \(expression)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .function(let function) = tree.items.first?.item, case .expression(let body) = function.body else { return "?" }
        return render(body, tree)
    }

    private func render(_ id: ExprID, _ tree: SyntaxTree) -> String {
        switch tree[id].kind {
        case .integer(let value): return String(value)
        case .name(let name): return tree[name]
        case .binary(let op, let left, let right, _): return "(\(render(left, tree)) \(op.symbol) \(render(right, tree)))"
        case .unary(let op, let operand): return "(\(op == .negate ? "-" : op == .dereference ? "*" : op == .addressOf ? "&" : "!")\(render(operand, tree)))"
        case .cast(let operand, _, _): return "(\(render(operand, tree)) as T)"
        case .ternary(let c, let t, let e): return "(\(render(c, tree)) ? \(render(t, tree)) : \(render(e, tree)))"
        case .call(let callee, let arguments): return "\(render(callee, tree))(\(tree[arguments].map { render($0, tree) }.joined(separator: ", ")))"
        case .field(let base, let name): return "\(render(base, tree)).\(tree[name].text)"
        default: return "<\(tree[id].kind)>"
        }
    }

    @Test("precedence follows VAIS.md: bit operators bind tighter than comparisons")
    func precedence() {
        #expect(shape("a & 1 == 1") == "((a & 1) == 1)")
        #expect(shape("a + b * c - d") == "((a + (b * c)) - d)")
        #expect(shape("a << 1 + 2") == "(a << (1 + 2))")
        #expect(shape("a | b ^ c & d") == "(a | (b ^ (c & d)))")
        #expect(shape("a || b && c") == "(a || (b && c))")
        #expect(shape("-x as T * 2") == "(((-x) as T) * 2)")
        #expect(shape("c ? a : b ? d : e") == "(c ? a : (b ? d : e))")
        #expect(shape("*p.x") == "(*p.x)")
        #expect(shape("f(a, b).y") == "f(a, b).y")
    }

    @Test("a line starting with - begins a new statement; one starting with + continues")
    func newlineRules() {
        let (tree, diagnostics) = parse("F f() -> i64 {\n  x := 1\n  -x\n}\nF g() -> i64 {\n  1\n  + 2\n}")
        #expect(diagnostics.isEmpty)
        guard case .function(let f) = tree.items[0].item, case .block(let fBody) = f.body,
              case .function(let g) = tree.items[1].item, case .block(let gBody) = g.body else {
            Issue.record("expected two functions")
            return
        }
        #expect(tree[fBody].statements.count == 1)
        #expect(tree[fBody].tail != nil)
        #expect(tree[gBody].statements.isEmpty)
        if let tail = tree[gBody].tail, case .binary(.add, _, _, _) = tree[tail].kind {} else {
            Issue.record("`1\\n + 2` should be one expression")
        }
    }

    @Test("every item kind in both spellings")
    func items() {
        let (tree, diagnostics) = parse("""
        U std/hot
        S P { x: i64, y: i64 }
        enum Shape { Circle(f64), Empty }
        G count: i64 = 0
        C MAX: i64 = 10
        const MIN: i64 = 1
        N "C" { F abs(x: i32) -> i32; F printf(fmt: *i8, ...) -> i32 }
        @[extern "C"]
        F atoi(s: *i8) -> i32
        X P { F sum(&self) -> i64 = self.x + self.y }
        #[hot]
        fn update(p: *P) { p.x += 1 }
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(tree.items.count == 11)
        #expect(tree.imports(of: FileID(0)).map(\.path) == ["std/hot"])
    }

    @Test("one mistake per statement is reported, and parsing goes on")
    func recovery() {
        let (_, diagnostics) = parse("""
        F a() {
            x := (1 + )
            y := 2
        }
        F b() {
            z := * / 3
        }
        F c() = 1
        """)
        #expect(diagnostics.map(\.code) == ["P011", "P011"])
    }

    @Test("an unclosed block is P016 at its brace")
    func unclosedBlock() {
        let (_, diagnostics) = parse("F main() {\n  x := 1\n")
        #expect(diagnostics.map(\.code) == ["P016"])
        #expect(diagnostics.first?.span.start == 9)
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let (_, parens) = parse("F f() = " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000))
        #expect(parens.map(\.code).contains("P017"))
        let (_, unary) = parse("F f() = " + String(repeating: "-", count: 5_000) + "1")
        #expect(!unary.isEmpty)
        let (_, types) = parse("F f(x: " + String(repeating: "*", count: 5_000) + "i64) {}")
        #expect(!types.isEmpty)
    }

    @Test("Map and List named with type arguments are recorded for the loader; other names are not")
    func namedCollections() {
        let (named, _) = parse("fn f(m: Map<Int, Str>) -> List<Int> = g()")
        #expect(named.namedCollections == ["Map", "List"])
        let (unnamed, _) = parse("S List { len: i64 }\nF f(v: Vec<i64>, l: List) -> i64 = 0")
        #expect(unnamed.namedCollections.isEmpty)
    }
}

/// Character literals, and which files are in the newer spelling.
extension ParserTests {
    /// The value of the only function's body, a character literal.
    private func value(_ literal: String) -> UInt64? {
        let (tree, diagnostics) = parse("F f() -> i64 = \(literal)")
        guard diagnostics.isEmpty, case .function(let function) = tree.items.first?.item, case .expression(let body) = function.body,
              case .integer(let value) = tree[body].kind else { return nil }
        return value
    }

    @Test("a character literal is an integer literal of its scalar value")
    func values() {
        #expect(value("'A'") == 65)
        #expect(value("' '") == 32)
        #expect(value("'\\n'") == 10)
        #expect(value("'\\t'") == 9)
        #expect(value("'\\r'") == 13)
        #expect(value("'\\0'") == 0)
        #expect(value("'\\\\'") == 92)
        #expect(value("'\\''") == 39)
        #expect(value("'\\\"'") == 34)
        #expect(value("'\"'") == 34)
        #expect(value("'\\x41'") == 65)
        #expect(value("'\\xff'") == 255)
        #expect(value("'é'") == 0xE9)
        #expect(value("'€'") == 0x20AC)
        #expect(value("'😀'") == 0x1F600)
    }

    @Test("an unknown escape, or \\x without two hex digits, is P003")
    func badEscapes() {
        #expect(parse("F f() -> i64 = '\\q'").1.map(\.code) == ["P003"])
        #expect(parse("F f() -> i64 = '\\x4'").1.map(\.code) == ["P003"])
        #expect(parse("F f() -> i64 = '\\xg1'").1.map(\.code) == ["P003"])
    }

    @Test("character literals are integer patterns, alone and in ranges")
    func patterns() {
        let (tree, diagnostics) = parse("F f(c: u8) -> i64 = M c { 'a'..='z' => 1, '_' => 2, _ => 3 }")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .function(let function) = tree.items.first?.item, case .expression(let body) = function.body,
              case .match(_, let arms) = tree[body].kind else {
            Issue.record("expected a match")
            return
        }
        let patterns = tree[arms].map(\.pattern)
        if case .range(97, 122, true, _) = patterns[0] {} else { Issue.record("\(patterns[0])") }
        if case .integer(95, _) = patterns[1] {} else { Issue.record("\(patterns[1])") }
    }

    @Test("a file is in the newer spelling when it has a `let` or names Int, Bool, Char, Str or Float")
    func newerSpelling() {
        #expect(parse("F main() -> i64 = 0").0.newerSpellingFiles.isEmpty)
        #expect(parse("fn main() -> i64 { x := 1\n return x }").0.newerSpellingFiles.isEmpty)
        #expect(parse("S Integer { v: i64 }\nF f(b: Boolean) -> Strs = 0").0.newerSpellingFiles.isEmpty)
        for text in ["fn main() -> i64 { let x = 1\n x }", "fn f(b: Bool) -> i64 = 0", "fn f() -> Int = 0",
                     "F f(c: *Char) -> i64 = 0", "S P { s: Str }", "F f(x: Option<Float>) -> i64 = 0"] {
            #expect(parse(text).0.newerSpellingFiles == [FileID(0)], "\(text)")
        }
    }
}

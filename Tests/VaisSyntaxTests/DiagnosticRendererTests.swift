import Testing
import VaisSyntax

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    @Test("file:line:col, the line, and a caret under the span")
    func rendering() {
        var sources = SourceManager()
        let file = sources.add(path: "game.vais", text: "F main() {\n    x: i64 := true\n}\n")
        let diagnostic = Diagnostic(code: "E003", "type mismatch", at: SourceSpan(file: file, start: 25, end: 29))
        let text = DiagnosticRenderer(sources: sources).render(diagnostic)
        #expect(text == """
        game.vais:2:15: error[E003]: type mismatch
         2 |     x: i64 := true
           |               ^~~~
        """)
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() {
        var sources = SourceManager()
        let file = sources.add(path: "u.vais", text: "# é°\nx := \"日本\" + y\n")
        let start = UInt32(Array("# é°\nx := \"日本\" + ".utf8).count)
        let diagnostic = Diagnostic(code: "E001", "undefined name", at: SourceSpan(file: file, start: start, end: start + 1))
        let renderer = DiagnosticRenderer(sources: sources)
        #expect(renderer.location(of: diagnostic).column == 13)
        #expect(renderer.render(diagnostic).hasSuffix("|             ^"))
    }
}

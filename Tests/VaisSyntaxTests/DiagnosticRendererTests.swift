import Foundation
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

extension DiagnosticRendererTests {
    @Test("a long list shows its first hundred diagnostics and counts the rest")
    func cappedList() {
        var sources = SourceManager()
        let file = sources.add(path: "game.vais", text: "x\n")
        let diagnostics = (0..<250).map { _ in Diagnostic(code: "E001", "undefined name `x`", at: SourceSpan(file: file, start: 0, end: 1)) }
        let text = DiagnosticRenderer(sources: sources).render(diagnostics)
        #expect(text.components(separatedBy: "error[E001]").count - 1 == DiagnosticRenderer.shownLimit)
        #expect(text.hasSuffix(" | ^\nand 150 more diagnostics (150 errors) not shown\n"))
        #expect(DiagnosticRenderer(sources: sources).render(Array(diagnostics.prefix(100))).components(separatedBy: "not shown").count == 1)
    }
}

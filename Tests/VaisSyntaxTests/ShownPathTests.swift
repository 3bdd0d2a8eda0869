import Testing
import VaisSyntax

/// Paths in messages read as the user typed them, though tools keep them absolute.
@Suite("Shown paths")
struct ShownPathTests {
    @Test("a path beneath the working folder is shown relative to it; others stay absolute")
    func relativeBeneathWorkingFolder() {
        #expect(shownPath("/home/ann/game/game.vais", from: "/home/ann/game") == "game.vais")
        #expect(shownPath("/home/ann/game/src/a.vais", from: "/home/ann/game/") == "src/a.vais")
        #expect(shownPath("/home/ann/gameplay/a.vais", from: "/home/ann/game") == "/home/ann/gameplay/a.vais")
        #expect(shownPath("/opt/std/vec.vais", from: "/home/ann") == "/opt/std/vec.vais")
        #expect(shownPath("/a/b.vais", from: nil) == "/a/b.vais")
    }

    @Test("diagnostics show the file relative to the working folder")
    func diagnosticHeader() {
        var sources = SourceManager()
        let file = sources.add(path: "/work/game/game.vais", text: "F main() -> i64 = x\n")
        let diagnostic = Diagnostic(code: "E001", "unknown name `x`", at: SourceSpan(file: file, start: 18, end: 19))
        let rendered = DiagnosticRenderer(sources: sources, workingFolder: "/work/game").render(diagnostic)
        #expect(rendered.hasPrefix("game.vais:1:19: error[E001]: unknown name `x`"), "\(rendered)")
    }
}

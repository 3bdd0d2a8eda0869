/// Renders diagnostics as `file:line:col: error[CODE]: message`, the source
/// line and a caret under the offending text.
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceManager
    public var useColor: Bool
    /// Paths beneath this folder are shown relative to it.
    public var workingFolder: String?

    public init(sources: SourceManager, useColor: Bool = false, workingFolder: String? = nil) {
        self.sources = sources
        self.useColor = useColor
        self.workingFolder = workingFolder
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let file = sources[diagnostic.span.file]
        let (line, column) = file.lineAndColumn(of: diagnostic.span.start)
        let (endLine, endColumn) = file.lineAndColumn(of: diagnostic.span.end)
        let header = "\(shownPath(file.path, from: workingFolder)):\(line):\(column): \(colored(diagnostic.severity.rawValue, diagnostic.severity))[\(diagnostic.code)]: \(diagnostic.message)"
        // A file with no text (one that could not be read) has no line to show.
        guard !file.bytes.isEmpty else { return header }
        let text = file.lineText(line).replacingTabs()
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let underlineLength = endLine == line ? max(1, endColumn - column) : max(1, text.count - column + 1)
        let marker = "^" + String(repeating: "~", count: max(0, underlineLength - 1))
        return """
        \(header)
         \(gutter) | \(text)
         \(pad) | \(String(repeating: " ", count: column - 1))\(colored(marker, diagnostic.severity))
        """
    }

    /// How many diagnostics a list shows before it only counts the rest:
    /// past the first hundred, more text helps no one and 100,000 errors
    /// would print megabytes.
    public static let shownLimit = 100

    /// The first `limit` diagnostics, then one line counting the others.
    public func render(_ diagnostics: [Diagnostic], limit: Int = shownLimit) -> String {
        let shown = diagnostics.prefix(max(0, limit)).map { render($0) + "\n" }.joined()
        let hidden = diagnostics.count - min(diagnostics.count, max(0, limit))
        guard hidden > 0 else { return shown }
        let hiddenErrors = diagnostics.dropFirst(max(0, limit)).filter(\.isError).count
        return shown + "and \(hidden) more diagnostic\(hidden == 1 ? "" : "s") (\(hiddenErrors) error\(hiddenErrors == 1 ? "" : "s")) not shown\n"
    }

    /// `path:line:col` of a diagnostic, for tests and tools.
    public func location(of diagnostic: Diagnostic) -> (path: String, line: Int, column: Int) {
        let file = sources[diagnostic.span.file]
        let (line, column) = file.lineAndColumn(of: diagnostic.span.start)
        return (file.path, line, column)
    }

    private func colored(_ text: String, _ severity: Diagnostic.Severity) -> String {
        guard useColor else { return text }
        let code = severity == .error ? "31" : (severity == .warning ? "33" : "36")
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }
}

extension String {
    /// Tabs become single spaces so the caret column (which counts a tab as
    /// one character) stays under the right character.
    fileprivate func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

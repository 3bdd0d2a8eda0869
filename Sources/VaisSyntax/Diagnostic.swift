/// One problem found in the source, with a stable code (see docs/DIAGNOSTICS.md).
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public let severity: Severity
    public let code: String
    public let message: String
    public let span: SourceSpan

    public init(_ severity: Severity = .error, code: String, _ message: String, at span: SourceSpan) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
    }

    public var isError: Bool { severity == .error }
}

/// Collects diagnostics in the order they are found.
public struct DiagnosticBag: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func error(_ code: String, _ message: String, at span: SourceSpan) {
        all.append(Diagnostic(code: code, message, at: span))
    }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public var hasErrors: Bool { all.contains { $0.isError } }
}

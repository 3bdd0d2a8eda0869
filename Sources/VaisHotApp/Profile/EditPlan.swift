import Foundation
import VaisCompiler
import VaisSyntax

/// The edits a profile makes to its copy of the source, one per reload.
public struct EditPlan: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case nothingToEdit
        case unreadableScript(String, line: Int)
        case notFound(String, step: Int)

        public var description: String {
            switch self {
            case .nothingToEdit:
                return "no #[hot] function has a number literal to change; give the edits with --edit-script"
            case .unreadableScript(let text, let line):
                return "edit script line \(line): expected `OLD => NEW`, found `\(text)`"
            case .notFound(let text, let step):
                return "edit \(step): `\(text)` is not in the source"
            }
        }
    }

    /// One edit: replace the first `old` with `new`.
    public struct Step: Sendable, Equatable {
        public let old: String
        public let new: String
        /// The hot function it touches, when known; a method is named
        /// `Type.method`.
        public let function: String?
    }

    public let steps: [Step]

    /// The default plan: a number literal in each hot function (and hot
    /// method of an impl block) in turn goes up by one, then back, the way a
    /// developer tunes a constant.
    public static func tuneConstants(in source: String, path: String) throws -> EditPlan {
        var sources = SourceManager()
        let file = sources.add(path: path, text: source)
        var tree = SyntaxTree()
        _ = Parser.parse(sources[file], into: &tree)
        let tokens = Lexer.tokenize(sources[file]).tokens
        let bytes = Array(source.utf8)
        var steps: [Step] = []
        for (name, function) in functions(in: tree) {
            guard function.isHot,
                  let literal = tokens.first(where: { ($0.kind == .integer || $0.kind == .float)
                      && $0.start >= function.span.start && $0.end <= function.span.end }) else { continue }
            let lineStart = bytes[..<Int(literal.start)].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let lineEnd = bytes[Int(literal.end)...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            let text = String(decoding: bytes[Int(literal.start)..<Int(literal.end)], as: UTF8.self)
            let bumped = line.replacingCharacters(in: range(in: line, offset: Int(literal.start) - lineStart, length: text.utf8.count),
                                                  with: bump(text))
            steps.append(Step(old: line, new: bumped, function: name))
        }
        guard !steps.isEmpty else { throw Failure.nothingToEdit }
        // Up in every function, then back down: the source returns to where it began.
        return EditPlan(steps: steps + steps.map { Step(old: $0.new, new: $0.old, function: $0.function) })
    }

    /// A plan read from a script: one `OLD => NEW` replacement a line;
    /// blank lines and lines starting with `#` are skipped.
    public static func script(_ text: String) throws -> EditPlan {
        var steps: [Step] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = line.components(separatedBy: " => ")
            guard parts.count == 2, !parts[0].isEmpty else { throw Failure.unreadableScript(String(line), line: number + 1) }
            steps.append(Step(old: parts[0], new: parts[1], function: nil))
        }
        guard !steps.isEmpty else { throw Failure.unreadableScript("", line: 1) }
        return EditPlan(steps: steps)
    }

    /// The source after edit number `index` (0-based), given the source
    /// before it. The plan repeats when the reloads outnumber its steps. A
    /// step that belongs to a function edits that function: the same line
    /// can stand in several (two functions clamping alike), and the first
    /// one in the file is not the one the step means.
    public func apply(_ index: Int, to source: String) throws -> String {
        let step = steps[index % steps.count]
        let scope = step.function.flatMap { Self.body(of: $0, in: source) } ?? source.startIndex..<source.endIndex
        guard let found = source.range(of: step.old, range: scope) else { throw Failure.notFound(step.old, step: index + 1) }
        return source.replacingCharacters(in: found, with: step.new)
    }

    /// Every function of the file in order, methods of impl blocks among
    /// them, by the name a step gives it.
    private static func functions(in tree: SyntaxTree) -> [(name: String, decl: FunctionDecl)] {
        var functions: [(name: String, decl: FunctionDecl)] = []
        for (_, item) in tree.items {
            switch item {
            case .function(let function):
                functions.append((function.name.text, function))
            case .implementation(let impl):
                functions += impl.methods.map { (impl.typeName.text + "." + $0.name.text, $0) }
            default:
                continue
            }
        }
        return functions
    }

    /// Where function `name` is in `source` now, found by parsing it, from
    /// the start of its first line (a step's line holds what precedes the
    /// function there, `#[hot]` written on the same line).
    private static func body(of name: String, in source: String) -> Range<String.Index>? {
        var sources = SourceManager()
        let file = sources.add(path: "edit.vais", text: source)
        var tree = SyntaxTree()
        _ = Parser.parse(sources[file], into: &tree)
        for (functionName, function) in functions(in: tree) where functionName == name {
            let utf8 = source.utf8
            guard Int(function.span.end) <= utf8.count else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: Int(function.span.start))
            let lineStart = utf8[..<start].lastIndex(of: UInt8(ascii: "\n")).map { utf8.index(after: $0) } ?? utf8.startIndex
            return lineStart..<utf8.index(utf8.startIndex, offsetBy: Int(function.span.end))
        }
        return nil
    }

    private static func bump(_ literal: String) -> String {
        let digits = literal.filter { $0 != "_" }
        if let value = Int64(digits) { return String(value + 1) }
        if let value = Double(digits) { return String(value + 1) }
        return literal
    }

    private static func range(in line: String, offset: Int, length: Int) -> Range<String.Index> {
        let utf8 = line.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: length)
    }
}

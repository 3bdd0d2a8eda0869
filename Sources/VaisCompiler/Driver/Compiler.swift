import Foundation
import VaisSyntax

public struct CompileOptions: Sendable {
    /// Emit DWARF line tables (`-g`).
    public var debugInfo: Bool
    /// Report a program without `main` (off for checking a library module).
    public var requireMain: Bool
    /// The folder `U std/...` imports are found in.
    public var standardLibrary: String?

    public init(debugInfo: Bool = false, requireMain: Bool = true, standardLibrary: String? = nil) {
        self.debugInfo = debugInfo
        self.requireMain = requireMain
        self.standardLibrary = standardLibrary
    }
}

/// How long each front-end phase took, in nanoseconds on the monotonic clock.
public struct FrontEndTimings: Sendable {
    public var parse: UInt64 = 0
    public var check: UInt64 = 0
    public var emit: UInt64 = 0
}

/// The outcome of compiling a program to LLVM IR.
public struct CompileResult: Sendable {
    public let sources: SourceManager
    public let diagnostics: [Diagnostic]
    /// Present when the program had no errors.
    public let program: CheckedProgram?
    public let ir: String?
    public let timings: FrontEndTimings

    public var hasErrors: Bool { diagnostics.contains { $0.isError } }

    /// Every diagnostic, rendered with its source line and caret.
    public func renderedDiagnostics(color: Bool = false) -> String {
        DiagnosticRenderer(sources: sources, useColor: color).render(diagnostics)
    }
}

/// The compiler's front door: source in, diagnostics and LLVM IR out.
public enum Compiler {
    /// Compiles the file at `path` (and what it imports).
    public static func compile(path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            var sources = SourceManager()
            let file = sources.add(path: path, bytes: [])
            let diagnostic = Diagnostic(code: "E012", "cannot read \(path)", at: SourceSpan(file: file, start: 0, end: 0))
            return CompileResult(sources: sources, diagnostics: [diagnostic], program: nil, ir: nil, timings: FrontEndTimings())
        }
        return compile(source: Array(data), path: path, options: options)
    }

    /// Compiles source held in memory; its imports are read relative to `path`.
    public static func compile(source: String, path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        compile(source: Array(source.utf8), path: path, options: options)
    }

    public static func compile(source: [UInt8], path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        var timings = FrontEndTimings()
        var clock = MonotonicClock()
        var loader = ProgramLoader(standardLibrary: options.standardLibrary)
        let root = loader.load(rootPath: path, contents: source)
        timings.parse = clock.lap()
        var diagnostics = loader.diagnostics.all
        // A root file that did not parse may have lost its `main`; saying so would only add noise.
        let rootParsed = !diagnostics.contains { $0.isError && $0.span.file == root }
        let (model, checkDiagnostics) = Checker.check(loader.tree, requireMain: options.requireMain && rootParsed, rootFile: root)
        diagnostics += checkDiagnostics
        timings.check = clock.lap()
        guard !diagnostics.contains(where: \.isError) else {
            return CompileResult(sources: loader.sources, diagnostics: sorted(diagnostics, loader.sources), program: nil, ir: nil, timings: timings)
        }
        let program = CheckedProgram(sources: loader.sources, rootFile: root, tree: loader.tree, model: model)
        let ir = IREmitter.emit(program, debugInfo: options.debugInfo)
        timings.emit = clock.lap()
        return CompileResult(sources: loader.sources, diagnostics: diagnostics, program: program, ir: ir, timings: timings)
    }

    /// Diagnostics in file, then source order.
    private static func sorted(_ diagnostics: [Diagnostic], _ sources: SourceManager) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.span, rhs.element.span)
            if a.file != b.file { return a.file.raw < b.file.raw }
            if a.start != b.start { return a.start < b.start }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

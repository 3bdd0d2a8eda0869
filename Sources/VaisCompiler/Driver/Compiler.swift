import Foundation
import VaisSyntax

public struct CompileOptions: Sendable {
    /// Emit DWARF line tables (`-g`).
    public var debugInfo: Bool
    /// Report a program without `main` (off for checking a library module).
    public var requireMain: Bool
    /// The folder `U std/...` imports are found in.
    public var standardLibrary: String?
    /// How many threads may lower functions to IR: nil for as many as pay
    /// off on this machine, 1 for one.
    public var loweringThreads: Int?
    /// Make every hot function of a hot part count its calls and stamp the
    /// first one (`HotSplit.callCounterSymbol`), for a profile or a trace;
    /// off for every other build, which then carries no such code.
    public var profilingCounters: Bool
    /// Accept an assignment to a binding declared without `mut` with a
    /// warning (W001), as the original compiler does, instead of E006.
    public var lenientMutability: Bool
    /// How many spare slots the host part of a hot-reload split reserves
    /// for functions added while it runs whose address is taken.
    public var spareSlots: Int

    public init(debugInfo: Bool = false, requireMain: Bool = true, standardLibrary: String? = nil, loweringThreads: Int? = nil,
                profilingCounters: Bool = false, lenientMutability: Bool = false, spareSlots: Int = HotSplit.defaultSpareSlots) {
        self.debugInfo = debugInfo
        self.requireMain = requireMain
        self.standardLibrary = standardLibrary
        self.loweringThreads = loweringThreads
        self.profilingCounters = profilingCounters
        self.lenientMutability = lenientMutability
        self.spareSlots = spareSlots
    }
}

/// The outcome of compiling a program to LLVM IR.
public struct CompileResult: Sendable {
    public let sources: SourceManager
    public let diagnostics: [Diagnostic]
    /// Present when the program had no errors.
    public let program: CheckedProgram?
    public let ir: String?

    public var hasErrors: Bool { diagnostics.contains { $0.isError } }

    /// Every diagnostic, rendered with its source line and caret, paths
    /// beneath the working folder shown relative to it.
    public func renderedDiagnostics(color: Bool = false) -> String {
        DiagnosticRenderer(sources: sources, useColor: color, workingFolder: FileManager.default.currentDirectoryPath)
            .render(diagnostics)
    }
}

/// A program read and parsed, with its imports, not yet checked.
public struct ParsedProgram: Sendable {
    public let sources: SourceManager
    public let rootFile: FileID
    public let tree: SyntaxTree
    public let diagnostics: [Diagnostic]
    /// The prelude's file (`Option`, `Result`), if it was read.
    public var preludeFile: FileID?
    /// The file each import names, by the import's span.
    public var importedFiles: [SourceSpan: FileID] = [:]
}

/// The compiler's front door: source in, diagnostics and LLVM IR out. The
/// phases are public one by one so that callers can time each of them.
public enum Compiler {
    /// Compiles the file at `path` (and what it imports) to one module.
    /// The phases run on one deep-stack thread, started once for all of them.
    public static func compile(path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        DeepStack.run { emit(check(parse(path: path, options: options), options: options), options: options) }
    }

    /// Compiles source held in memory; its imports are read relative to `path`.
    public static func compile(source: String, path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        compile(source: Array(source.utf8), path: path, options: options)
    }

    public static func compile(source: [UInt8], path: String, options: CompileOptions = CompileOptions()) -> CompileResult {
        DeepStack.run { emit(check(parse(source: source, path: path, options: options), options: options), options: options) }
    }

    /// Runs `body` on a thread with the deep stack the compiler's walks
    /// need, and waits for it: every compile inside it then runs on that one
    /// thread instead of starting threads of its own (lowering on one thread
    /// asked for). For work that must stay on one thread, such as counting
    /// one thread's instructions.
    public static func onCompilerThread<T>(_ body: () -> T) -> T {
        DeepStack.run(body)
    }

    /// Reads and parses the file at `path` and every file it imports.
    public static func parse(path: String, options: CompileOptions = CompileOptions()) -> ParsedProgram {
        switch SourceFileReader.read(path) {
        case .success(let bytes):
            return parse(source: bytes, path: path, options: options)
        case .failure(let failure):
            var sources = SourceManager()
            let file = sources.add(path: path, bytes: [])
            let diagnostic = Diagnostic(code: "E012", "cannot read \(path): \(failure.reason)", at: SourceSpan(file: file, start: 0, end: 0))
            return ParsedProgram(sources: sources, rootFile: file, tree: SyntaxTree(), diagnostics: [diagnostic])
        }
    }

    public static func parse(source: [UInt8], path: String, options: CompileOptions = CompileOptions()) -> ParsedProgram {
        DeepStack.run {
            var loader = ProgramLoader(standardLibrary: options.standardLibrary)
            let root = loader.load(rootPath: path, contents: source)
            return ParsedProgram(sources: loader.sources, rootFile: root, tree: loader.tree, diagnostics: loader.diagnostics.all,
                                 preludeFile: loader.prelude, importedFiles: loader.importedFiles)
        }
    }

    /// Resolves names and checks types. The result carries a program only
    /// when there is no error.
    /// Takes `parsed` by value: when the caller keeps no copy, the checker
    /// holds the only reference to the tree and grows it in place, where a
    /// shared tree is copied whole (and later freed twice over) at the
    /// first specialization.
    public static func check(_ parsed: consuming ParsedProgram, options: CompileOptions = CompileOptions()) -> CompileResult {
        // A root file that did not parse may have lost its `main`; saying so would only add noise.
        let rootFile = parsed.rootFile
        let rootParsed = !parsed.diagnostics.contains { $0.isError && $0.span.file == rootFile }
        let (sources, parseDiagnostics, preludeFile, importedFiles) = (parsed.sources, parsed.diagnostics, parsed.preludeFile, parsed.importedFiles)
        var parsedTree: SyntaxTree? = parsed.tree
        _ = consume parsed
        let (model, tree, checkDiagnostics) = DeepStack.run {
            Checker.check(parsedTree.take()!, requireMain: options.requireMain && rootParsed, rootFile: rootFile, preludeFile: preludeFile,
                          importedFiles: importedFiles, lenientMutability: options.lenientMutability)
        }
        let diagnostics = sorted(parseDiagnostics + checkDiagnostics)
        guard !diagnostics.contains(where: \.isError) else {
            return CompileResult(sources: sources, diagnostics: diagnostics, program: nil, ir: nil)
        }
        let program = CheckedProgram(sources: sources, rootFile: rootFile, tree: tree, model: model, lenientMutability: options.lenientMutability)
        return CompileResult(sources: sources, diagnostics: diagnostics, program: program, ir: nil)
    }

    /// Adds the whole program's IR to a checked result.
    public static func emit(_ checked: CompileResult, options: CompileOptions = CompileOptions()) -> CompileResult {
        guard let program = checked.program else { return checked }
        return CompileResult(sources: checked.sources, diagnostics: checked.diagnostics, program: program,
                             ir: IREmitter.emit(program, debugInfo: options.debugInfo, threads: options.loweringThreads))
    }

    /// Diagnostics in file, then source order.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.span, rhs.element.span)
            if a.file != b.file { return a.file.raw < b.file.raw }
            if a.start != b.start { return a.start < b.start }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

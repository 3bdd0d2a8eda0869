import Foundation
import VaisSyntax

/// Reads a program's root file and, transitively, every file it imports
/// with `U`, parsing each once into one syntax tree.
struct ProgramLoader {
    var sources = SourceManager()
    var tree = SyntaxTree()
    var diagnostics = DiagnosticBag()
    let standardLibrary: String?
    private var loadedPaths: [String: FileID] = [:]
    /// The prelude's file, read after the program's own files.
    private(set) var prelude: FileID?
    /// The file each `U` names, by the import's span.
    private(set) var importedFiles: [SourceSpan: FileID] = [:]

    init(standardLibrary: String?) {
        self.standardLibrary = standardLibrary
    }

    mutating func load(rootPath: String, contents: [UInt8]) -> FileID {
        let root = register(path: rootPath, bytes: contents)
        loadImports(of: root)
        loadNamedCollections()
        loadCalledPreludeFunctions()
        prelude = register(path: Prelude.path, bytes: Array(Prelude.source.utf8))
        return root
    }

    /// Reads every file `file` imports, transitively.
    private mutating func loadImports(of file: FileID) {
        var pending = [file]
        while let file = pending.popLast() {
            for decl in tree.imports(of: file) {
                guard let resolved = resolve(decl.path, from: sources[file].path) else {
                    diagnostics.error("E012", "module `\(decl.path)` not found (looked beside \(displayName(sources[file].path))\(standardLibrary.map { " and in \($0)" } ?? ""))", at: decl.span)
                    continue
                }
                if let loaded = loadedPaths[resolved] {
                    importedFiles[decl.span] = loaded
                    continue
                }
                switch SourceFileReader.read(resolved) {
                case .success(let bytes):
                    let module = register(path: resolved, bytes: bytes)
                    importedFiles[decl.span] = module
                    pending.append(module)
                case .failure(let failure):
                    diagnostics.error("E012", "module `\(decl.path)` could not be read from \(resolved): \(failure.reason)", at: decl.span)
                }
            }
        }
    }

    /// Reads the module of each collection type (`Map<K, V>`, `List<T>`)
    /// that a file names and no file declares. Without one the name stays
    /// undefined, which the checker reports where it is used.
    private mutating func loadNamedCollections() {
        guard !tree.namedCollections.isEmpty else { return }
        var considered: Set<String> = []
        while let name = tree.namedCollections.subtracting(considered).sorted().first {
            considered.insert(name)
            guard !declaresType(name), let standardLibrary, let file = CollectionTypes.files[name] else { continue }
            let path = Self.canonical((standardLibrary as NSString).appendingPathComponent(file))
            guard loadedPaths[path] == nil, case .success(let bytes) = SourceFileReader.read(path) else { continue }
            loadImports(of: register(path: path, bytes: bytes))
        }
    }

    /// Reads the newer spelling's prelude functions that a file of that
    /// spelling calls and no file declares: a program's own `bitor` wins.
    private mutating func loadCalledPreludeFunctions() {
        guard !tree.calledPreludeFunctions.isEmpty else { return }
        let missing = tree.calledPreludeFunctions.filter { !declaresFunction($0) }.sorted()
        guard !missing.isEmpty else { return }
        _ = register(path: PreludeFunctionSources.path, bytes: Array(PreludeFunctionSources.source(declaring: missing).utf8))
    }

    private func declaresFunction(_ name: String) -> Bool {
        tree.items.contains { _, item in
            if case .function(let decl) = item { return decl.name.text == name }
            return false
        }
    }

    private func declaresType(_ name: String) -> Bool {
        tree.items.contains { _, item in
            switch item {
            case .structure(let decl): return decl.name.text == name
            case .enumeration(let decl): return decl.name.text == name
            case .typeAlias(let decl): return decl.name.text == name
            default: return false
            }
        }
    }

    private func displayName(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }

    private mutating func register(path: String, bytes: [UInt8]) -> FileID {
        let id = sources.add(path: path, bytes: bytes)
        loadedPaths[Self.canonical(path)] = id
        diagnostics.append(contentsOf: Parser.parse(sources[id], into: &tree))
        return id
    }

    /// `U a/b` names `a/b.vais` beside the importing file, or in the
    /// standard library folder (`U std/hot` is `std/hot.vais` there).
    private func resolve(_ importPath: String, from importer: String) -> String? {
        let directory = (importer as NSString).deletingLastPathComponent
        var candidates = [(directory as NSString).appendingPathComponent(importPath + ".vais")]
        if let standardLibrary {
            if importPath.hasPrefix("std/") {
                candidates.append((standardLibrary as NSString).appendingPathComponent(String(importPath.dropFirst(4)) + ".vais"))
            }
            candidates.append((standardLibrary as NSString).appendingPathComponent(importPath + ".vais"))
        }
        return candidates.map(Self.canonical).first { FileManager.default.fileExists(atPath: $0) }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

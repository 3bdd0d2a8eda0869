import VaisSyntax

/// `use std/vec.{vec_new, Vec}`: the importing file sees only the listed
/// items of the module. Every file's items still join one program (the
/// module's own code uses all of them), so the list is kept as the names
/// each file may not use, checked where a name is resolved.
extension Checker {
    mutating func declareImportLists(_ importedFiles: [SourceSpan: FileID]) {
        var listed: [FileID: [FileID: [Name]]] = [:]
        var wholeModules: Set<[FileID]> = []
        var paths: [FileID: String] = [:]
        for (file, item) in items {
            guard case .importModule(let decl) = item, let module = importedFiles[decl.span], module != file else { continue }
            paths[module] = decl.path
            guard let names = decl.names else {
                wholeModules.insert([file, module])
                continue
            }
            listed[file, default: [:]][module, default: []] += names
        }
        guard !listed.isEmpty else { return }
        var declared: [FileID: Set<String>] = [:]
        for (file, item) in items {
            if let name = Self.declaredName(item) { declared[file, default: []].insert(name.text) }
        }
        for (file, modules) in listed {
            for (module, names) in modules {
                let path = paths[module] ?? ""
                let moduleNames = declared[module] ?? []
                for name in names where !moduleNames.contains(name.text) {
                    error("E034", "module `\(path)` has no item `\(name.text)` to import", at: name.span)
                }
                guard !wholeModules.contains([file, module]) else { continue }
                let visible = Set(names.map(\.text))
                for name in moduleNames where !visible.contains(name) {
                    hiddenNames[file, default: [:]][name] = path
                }
            }
        }
    }

    /// The name an item declares at the top of its file, if any.
    private static func declaredName(_ item: Item) -> Name? {
        switch item {
        case .function(let decl): return decl.name
        case .structure(let decl): return decl.name
        case .enumeration(let decl): return decl.name
        case .global(let decl): return decl.name
        case .trait(let decl): return decl.name
        case .typeAlias(let decl): return decl.name
        case .importModule, .implementation: return nil
        }
    }

    /// E035 when `name`, used where `span` is, is an item of a module that
    /// file imports with a list that leaves it out.
    mutating func requireImported(_ name: String, at span: SourceSpan) {
        guard let module = hiddenNames[span.file]?[name] else { return }
        error("E035", "`\(name)` is not imported here: add it to the import list of `\(module)`, as in `U \(module).{..., \(name)}`",
              at: span)
    }
}

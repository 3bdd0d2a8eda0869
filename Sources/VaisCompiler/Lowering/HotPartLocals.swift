/// Functions a hot part defines for itself: added to the source while the
/// program runs, so the running host has neither a slot nor a stub for
/// them. Hot code calls them directly; each hot part holds its own copy.
/// Only free functions qualify: a method is called through its host stub,
/// and a closure's value holds its stub. A new hot method or closure takes
/// a spare slot instead, and so does a local whose address hot code takes
/// (`HotPartSpares`): a function value names a host stub, never a pointer
/// into a part that could outlive it.
public enum HotPartLocals {
    /// Every such function of `program`, given the running host's manifest.
    public static func functions(of program: CheckedProgram, runningHost: ABIManifest) -> Set<FunctionID> {
        let model = program.model
        var locals: Set<FunctionID> = []
        for (index, function) in model.functions.enumerated() where function.kind == .vais {
            let id = FunctionID(raw: Int32(index))
            guard function.owner == nil, function.receiver == nil, model.closureCaptures[id] == nil, function.name != "main",
                  runningHost.entries["hot \(function.name)"] == nil, runningHost.entries["function \(function.name)"] == nil
            else { continue }
            locals.insert(id)
        }
        return locals
    }

    /// The definition symbol of a function local to a hot part, apart from
    /// `vais.NAME`, which stays the (missing) host stub.
    static func symbol(_ function: FunctionSymbol) -> String { "vais.local." + SymbolMangling.mangle(function.name) }
}

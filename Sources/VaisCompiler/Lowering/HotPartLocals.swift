/// Functions a hot part defines for itself: added to the source while the
/// program runs, so the running host has neither a slot nor a stub for
/// them. Hot code calls them directly; each hot part holds its own copy.
/// Free functions and methods qualify, hot or not, and the closures
/// written in those that are not hot (a closure in a hot function is hot
/// itself, with a slot of its own). One whose address hot code takes also
/// gets a spare slot (`HotPartSpares`): a function value names a host
/// stub, never a pointer into a part that could outlive it.
public enum HotPartLocals {
    /// Every such function of `program`, given the running host's manifest.
    public static func functions(of program: CheckedProgram, runningHost: ABIManifest) -> Set<FunctionID> {
        let model = program.model
        var locals: Set<FunctionID> = []
        var localNames: Set<String> = []
        for (index, function) in model.functions.enumerated() where function.kind == .vais {
            let id = FunctionID(raw: Int32(index))
            guard function.name != "main", runningHost.entries["hot \(function.name)"] == nil,
                  runningHost.entries["function \(function.name)"] == nil
            else { continue }
            if model.closureCaptures[id] != nil {
                // A closure is made after the function it is written in, so that one is decided already.
                guard !function.isHot, let enclosing = enclosingName(of: function.name), localNames.contains(enclosing) else { continue }
            }
            locals.insert(id)
            localNames.insert(function.name)
        }
        return locals
    }

    /// The function a closure is written in, by the closure's name
    /// (`make` for `make.closure0`, `make.closure0` for `make.closure0.closure1`).
    private static func enclosingName(of closure: String) -> String? {
        guard let dot = closure.lastIndex(of: "."), closure[dot...].hasPrefix(".closure") else { return nil }
        return String(closure[..<dot])
    }

    /// The definition symbol of a function local to a hot part, apart from
    /// `vais.NAME`, which stays the (missing) host stub.
    static func symbol(_ function: FunctionSymbol) -> String { "vais.local." + SymbolMangling.mangle(function.name) }
}

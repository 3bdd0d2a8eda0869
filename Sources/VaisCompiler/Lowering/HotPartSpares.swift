import VaisSyntax

/// Spare slots for functions added while the program runs whose address
/// hot code takes. A function value must never point into a hot part (a
/// version can be unloaded while the value lives on), so it is a host stub;
/// the running host has no stub for a function it was built without, but
/// it has a pool of spares (`HotSplit.spareStubSymbol`), and such a
/// function takes the next free one, by name, for the rest of the run. Its
/// values name the spare's stub, and calls by name go through the spare's
/// slot.
///
/// Which spare is whose is in the running host's manifest (`spare NAME`
/// entries the reloader adds as versions load, `ABIManifest+Spares`), so a
/// function keeps its spare in every later version.
public enum HotPartSpares {
    /// The pool has no free spare left for these functions.
    public struct PoolExhausted: Error, Sendable, CustomStringConvertible {
        public let functions: [String]
        public let capacity: Int

        public var description: String {
            let names = functions.map { "`\($0)`" }.joined(separator: ", ")
            let one = functions.count == 1
            let pool = capacity == 0
                ? "the running program has no spare slots (its host was built with --spare-slots 0, before spare slots existed, or for a "
                    + "machine other than x86-64); restart to add \(one ? "it" : "them")"
                : "all \(capacity) of the running program's spare slots are taken by functions added earlier in this run; restart to free the pool"
            return "function\(one ? "" : "s") \(names) \(one ? "is" : "are") new and need\(one ? "s" : "") a slot of \(one ? "its" : "their") own "
                + "(a closure, or a function used as a value), and " + pool
        }
    }

    /// The spare each function of this hot part holds: those that own one
    /// already, and those new to the running host that need one: hot
    /// functions that are not local (closures written in hot functions),
    /// which have no slot otherwise, and local functions whose address the
    /// part's code takes (local closures among them).
    static func assignment(of program: CheckedProgram, runningHost: ABIManifest,
                           locals: Set<FunctionID>) -> Result<[FunctionID: Int], PoolExhausted> {
        let model = program.model
        let owners = runningHost.spareOwners
        var wanted: [FunctionID] = []
        for id in model.hotFunctions where !locals.contains(id) && runningHost.entries["hot \(model.function(id).name)"] == nil {
            wanted.append(id)
        }
        wanted += addressTaken(locals, in: program)
        for id in locals where owners[model.function(id).name] != nil && !wanted.contains(id) {
            wanted.append(id)
        }
        var taken = Set(owners.values)
        var assignment: [FunctionID: Int] = [:]
        var unserved: [String] = []
        var next = 0
        for id in wanted.sorted(by: { model.function($0).name < model.function($1).name }) {
            if let owned = owners[model.function(id).name] {
                assignment[id] = owned
                continue
            }
            while taken.contains(next) { next += 1 }
            guard next < runningHost.spareCapacity else {
                unserved.append(model.function(id).name)
                continue
            }
            taken.insert(next)
            assignment[id] = next
        }
        guard unserved.isEmpty else { return .failure(PoolExhausted(functions: unserved, capacity: runningHost.spareCapacity)) }
        return .success(assignment)
    }

    /// The local functions named as values (not as the callee of a call)
    /// in the code a hot part holds (hot functions and locals), and the
    /// local closures, which are values.
    private static func addressTaken(_ locals: Set<FunctionID>, in program: CheckedProgram) -> [FunctionID] {
        guard !locals.isEmpty else { return [] }
        let model = program.model
        let closures = locals.filter { model.closureCaptures[$0] != nil }
        let tree = program.tree
        let spans = model.functions.indices.filter { model.functions[$0].isHot || locals.contains(FunctionID(raw: Int32($0))) }
            .compactMap { model.functions[$0].declaration?.span }
        var callees: Set<Int32> = []
        for node in tree.exprs {
            if case .call(let callee, _) = node.kind { callees.insert(callee.raw) }
        }
        var taken: Set<FunctionID> = []
        for (index, node) in tree.exprs.enumerated() where index < model.resolutions.count && !callees.contains(Int32(index)) {
            guard case .function(let function) = model.resolutions[index], locals.contains(function), !taken.contains(function),
                  spans.contains(where: { $0.file == node.span.file && $0.start <= node.span.start && node.span.end <= $0.end })
            else { continue }
            taken.insert(function)
        }
        return taken.union(closures).sorted { $0.raw < $1.raw }
    }
}

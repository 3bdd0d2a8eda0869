/// How a hot part fits the host it will run against: the functions it
/// defines for itself (`HotPartLocals`) and the spare slot of each function
/// that holds one (`HotPartSpares`). A host's own first part has neither.
struct HotPartPlan: Sendable {
    var locals: Set<FunctionID> = []
    var spares: [FunctionID: Int] = [:]

    /// The locals in a spare slot, in a fixed order: every part defines
    /// them, so their spares follow the newest part.
    var sparedLocals: [FunctionID] {
        locals.filter { spares[$0] != nil }.sorted { $0.raw < $1.raw }
    }

    /// The plan of a reload's part against the running host's manifest.
    static func make(for program: CheckedProgram, runningHost: ABIManifest) -> Result<HotPartPlan, HotPartSpares.PoolExhausted> {
        let locals = HotPartLocals.functions(of: program, runningHost: runningHost)
        return HotPartSpares.assignment(of: program, runningHost: runningHost, locals: locals).map { HotPartPlan(locals: locals, spares: $0) }
    }
}

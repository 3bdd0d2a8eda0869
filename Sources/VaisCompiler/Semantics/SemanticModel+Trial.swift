/// A trial check (deferred inference) writes the model's program-wide
/// tables in place and reverts them after; see `RevertibleArray`.
struct TrialMark {
    fileprivate let functions: RevertibleArray<FunctionSymbol>.Mark
    fileprivate let locals: RevertibleArray<LocalSymbol>.Mark
    fileprivate let functionLocals: RevertibleArray<Range<Int>>.Mark
    fileprivate let localNeedsMemory: RevertibleArray<Bool>.Mark
    fileprivate let exprTypes: RevertibleArray<TypeID>.Mark
    fileprivate let coercions: RevertibleArray<TypeID>.Mark
    fileprivate let resolutions: RevertibleArray<Resolution>.Mark
    fileprivate let callTargets: RevertibleArray<CallTarget?>.Mark
}

extension SemanticModel {
    /// Opens a trial: every change to the revertible tables from here on
    /// can be reverted.
    mutating func markTrial() -> TrialMark {
        TrialMark(functions: functions.mark(), locals: locals.mark(),
                  functionLocals: functionLocals.mark(), localNeedsMemory: localNeedsMemory.mark(),
                  exprTypes: exprTypes.mark(), coercions: coercions.mark(),
                  resolutions: resolutions.mark(), callTargets: callTargets.mark())
    }

    mutating func revertTrial(to mark: TrialMark) {
        functions.revert(to: mark.functions)
        locals.revert(to: mark.locals)
        functionLocals.revert(to: mark.functionLocals)
        localNeedsMemory.revert(to: mark.localNeedsMemory)
        exprTypes.revert(to: mark.exprTypes)
        coercions.revert(to: mark.coercions)
        resolutions.revert(to: mark.resolutions)
        callTargets.revert(to: mark.callTargets)
    }

    /// Empties the revertible tables, so that a copy of this model made
    /// before owns them alone and writes them in place: shared, its first
    /// write to each would copy it whole.
    mutating func releaseRevertibleTables() {
        functions = RevertibleArray()
        locals = RevertibleArray()
        functionLocals = RevertibleArray()
        localNeedsMemory = RevertibleArray()
        exprTypes = RevertibleArray()
        coercions = RevertibleArray()
        resolutions = RevertibleArray()
        callTargets = RevertibleArray()
    }

    /// Takes the revertible tables back from the copy that held them.
    mutating func takeRevertibleTables(from other: inout SemanticModel) {
        swap(&functions, &other.functions)
        swap(&locals, &other.locals)
        swap(&functionLocals, &other.functionLocals)
        swap(&localNeedsMemory, &other.localNeedsMemory)
        swap(&exprTypes, &other.exprTypes)
        swap(&coercions, &other.coercions)
        swap(&resolutions, &other.resolutions)
        swap(&callTargets, &other.callTargets)
        other.releaseRevertibleTables()
    }
}

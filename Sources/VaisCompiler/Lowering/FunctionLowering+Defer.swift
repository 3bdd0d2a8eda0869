import VaisSyntax

/// `D` statements. Every return of a function that has them stores its
/// value and jumps to one exit block, which runs each `D` that was reached
/// (a flag per statement, set where it stands), newest first, then
/// returns. A `?` that propagates and falling off the end are returns too.
extension FunctionLowering {
    /// Gives each `D` of the function a flag, cleared on entry.
    mutating func prepareDefers() {
        guard let statements = model.deferredStatements[functionID], !statements.isEmpty else { return }
        for _ in statements {
            let flag = alloca(.bool)
            deferFlags.append(flag)
            allocas.append("  store i1 false, ptr ", flag, "\n")
        }
        if returnSlot == nil, model.types.hasValue(function.result) { deferredResult = alloca(function.result) }
        deferExit = label("defer.exit.")
    }

    /// Marks a `D` as reached.
    mutating func lowerDeferStatement(_ id: StmtID) {
        guard let index = model.deferredStatements[functionID]?.firstIndex(of: id), index < deferFlags.count else { return }
        store(.bool, "true", to: deferFlags[index])
    }

    /// A return while `D`s are pending: keep the value, go to the exit.
    /// False when the function has none.
    mutating func returnThroughDefers(_ value: IRPiece?) -> Bool {
        guard let deferExit else { return false }
        if let returnSlot, let value {
            assign(function.result, value, to: returnSlot)
        } else if let deferredResult, let value {
            store(function.result, value, to: deferredResult)
        } else if model.types.hasValue(function.result), returnSlot == nil {
            emitTerminator("unreachable")
            return true
        }
        emitTerminator("br label %", deferExit)
        return true
    }

    /// The exit block: each reached `D`, newest first, then the return.
    mutating func emitDeferExit() {
        guard let exit = deferExit, let statements = model.deferredStatements[functionID] else { return }
        deferExit = nil
        startBlock(exit)
        for (statement, flag) in zip(statements, deferFlags).reversed() {
            guard case .deferred(let value) = tree[statement].kind else { continue }
            setLocation(tree[statement].span)
            let reached = load(.bool, from: flag)
            let run = label("defer.run.")
            let next = label("defer.next.")
            emitTerminator("br i1 ", reached, ", label %", run, ", label %", next)
            startBlock(run)
            _ = lowerExpression(value)
            branch(to: next)
            startBlock(next)
        }
        emitReturn(deferredResult.map { load(function.result, from: $0) })
    }
}

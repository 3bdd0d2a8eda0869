import VaisSyntax

/// A function's calls to itself in tail position (`F count(n: i64) -> i64 =
/// n < 1 ? 0 : @(n - 1)`, or `R @(...)`) become a jump back to its start
/// with the parameters reassigned, so deep self-recursion (the original's
/// loop idiom) runs in constant stack. The optimizer would do the same at
/// -O1, but `build` defaults to -O0.
extension FunctionLowering {
    /// Finds the self tail calls, when the function's shape allows the
    /// jump: scalar parameters and result, no `self`, no captured
    /// environment, no pending `D`, and not hot (a hot function's calls go
    /// through its slot, so a reload reaches the recursion).
    mutating func findSelfTailCalls(_ decl: FunctionDecl) {
        guard !function.isHot, decl.selfParameter == nil, returnSlot == nil,
              !model.hasEnvironment(functionID), model.deferredStatements[functionID]?.isEmpty ?? true,
              function.parameters.allSatisfy({ !types.isAggregate($0) }) else { return }
        switch decl.body {
        case .block(let block): scanBlock(block, isTail: true)
        case .expression(let expr): scan(expr, isTail: true)
        case .external: return
        }
    }

    /// Starts the loop the self tail calls jump to; the parameters, kept
    /// in stack slots, are its variables.
    mutating func startSelfTailLoop() {
        guard !selfTailCalls.isEmpty else { return }
        selfTailLoop = label("tail.loop.")
        branch(to: selfTailLoop)
        startBlock(selfTailLoop)
    }

    /// Evaluates every argument, then assigns the parameters and jumps.
    mutating func lowerSelfTailCall(_ arguments: ExprList, _ decl: FunctionDecl) {
        guard let values = lowerArguments(arguments, parameters: function.parameters, variadic: false) else { return }
        for (parameter, value) in zip(decl.parameters, values) {
            guard let local = model.local(boundAt: parameter.name.span, in: functionID) else { continue }
            assign(value.type, value.value, to: slot(for: local))
        }
        branch(to: selfTailLoop)
    }

    /// Marks the self calls of `expr` in tail position (`isTail`: its value
    /// is the function's result); `R value` anywhere puts `value` there.
    private mutating func scan(_ expr: ExprID, isTail: Bool) {
        switch tree[expr].kind {
        case .call where isTail:
            if case .direct(let callee) = model.callTargets[expr.index], callee == functionID {
                selfTailCalls.insert(expr.index)
            }
        case .returnValue(.some(let value)):
            scan(value, isTail: true)
        case .ternary(_, let then, let otherwise):
            scan(then, isTail: isTail)
            scan(otherwise, isTail: isTail)
        case .ifElse(_, let then, let otherwise):
            scanBlock(then, isTail: isTail)
            if let otherwise { scan(otherwise, isTail: isTail) }
        case .match(_, let arms):
            tree[arms].forEach { scan($0.body, isTail: isTail) }
        case .block(let block):
            scanBlock(block, isTail: isTail)
        case .loop(_, let block):
            scanBlock(block, isTail: false)
        case .parenthesized(let inner):
            scan(inner, isTail: isTail)
        default:
            return
        }
    }

    private mutating func scanBlock(_ id: BlockID, isTail: Bool) {
        for statement in tree[id].statements {
            if case .expression(let expr) = tree[statement].kind { scan(expr, isTail: false) }
        }
        if let tail = tree[id].tail { scan(tail, isTail: isTail) }
    }
}

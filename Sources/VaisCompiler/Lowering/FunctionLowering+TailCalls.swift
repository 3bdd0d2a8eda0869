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
        case .expression(let expr): scanTail(expr)
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
    mutating func lowerSelfTailCall(_ arguments: [ExprID], _ decl: FunctionDecl) {
        guard let values = lowerArguments(arguments, parameters: function.parameters, variadic: false) else { return }
        for (parameter, value) in zip(decl.parameters, values) {
            guard let local = model.local(boundAt: parameter.name.span, in: functionID) else { continue }
            assign(value.type, value.value, to: slot(for: local))
        }
        branch(to: selfTailLoop)
    }

    private mutating func scanTail(_ expr: ExprID) {
        switch tree[expr].kind {
        case .call(_, let arguments):
            if case .direct(let callee) = model.callTargets[expr.index], callee == functionID {
                selfTailCalls.insert(expr.index)
            }
            arguments.forEach { scanReturns($0) }
        case .ternary(_, let then, let otherwise):
            scanTail(then)
            scanTail(otherwise)
        case .ifElse(_, let then, let otherwise):
            scanBlock(then, isTail: true)
            if let otherwise { scanTail(otherwise) }
        case .match(_, let arms):
            arms.forEach { scanTail($0.body) }
        case .block(let block):
            scanBlock(block, isTail: true)
        case .parenthesized(let inner), .returnValue(.some(let inner)):
            scanTail(inner)
        default:
            scanReturns(expr)
        }
    }

    /// `R value` anywhere in the control flow puts `value` in tail position.
    private mutating func scanReturns(_ expr: ExprID) {
        switch tree[expr].kind {
        case .returnValue(.some(let value)):
            scanTail(value)
        case .ternary(_, let then, let otherwise):
            scanReturns(then)
            scanReturns(otherwise)
        case .ifElse(_, let then, let otherwise):
            scanBlock(then, isTail: false)
            if let otherwise { scanReturns(otherwise) }
        case .match(_, let arms):
            arms.forEach { scanReturns($0.body) }
        case .block(let block), .loop(_, let block):
            scanBlock(block, isTail: false)
        case .parenthesized(let inner):
            scanReturns(inner)
        default:
            return
        }
    }

    private mutating func scanBlock(_ id: BlockID, isTail: Bool) {
        for statement in tree[id].statements {
            if case .expression(let expr) = tree[statement].kind { scanReturns(expr) }
        }
        guard let tail = tree[id].tail else { return }
        if isTail { scanTail(tail) } else { scanReturns(tail) }
    }
}

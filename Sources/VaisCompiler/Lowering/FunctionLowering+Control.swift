import VaisSyntax

extension FunctionLowering {
    mutating func lowerBlock(_ id: BlockID) -> IRPiece? {
        let block = tree[id]
        for statement in block.statements {
            lowerStatement(statement)
        }
        guard let tail = block.tail else { return nil }
        setLocation(tree[tail].span)
        return lowerExpression(tail)
    }

    mutating func lowerStatement(_ id: StmtID) {
        let statement = tree[id]
        setLocation(statement.span)
        switch statement.kind {
        case .binding(let name, _, _, let value):
            let result = lowerExpression(value)
            guard let local = local(boundAt: name.span), let result else { return }
            define(local, result)
        case .assignment(let op, let target, let valueExpr, _):
            guard let value = lowerExpression(valueExpr), let place = lowerPlace(target) else { return }
            let targetType = type(of: target)
            guard let binary = op.binary else {
                assign(targetType, convert(value, from: type(of: valueExpr), to: targetType), to: place, mayOverlap: true)
                return
            }
            let current = load(targetType, from: place)
            let result = temp()
            emit(result, " = ", compoundInstruction(binary, targetType), " ", layout.spelling(targetType), " ", current, ", ", value)
            store(targetType, result, to: place)
        case .expression(let expr):
            _ = lowerExpression(expr)
        case .deferred:
            lowerDeferStatement(id)
        }
    }

    private func compoundInstruction(_ op: BinaryOperator, _ type: TypeID) -> IRPiece {
        let float = types.isFloat(type)
        let signed = types.isSigned(type)
        switch op {
        case .add: return float ? "fadd" : "add"
        case .subtract: return float ? "fsub" : "sub"
        case .multiply: return float ? "fmul" : "mul"
        case .divide: return float ? "fdiv" : (signed ? "sdiv" : "udiv")
        default: return float ? "frem" : (signed ? "srem" : "urem")
        }
    }

    /// A slot for the value of a branching expression, when it has one.
    private mutating func resultSlot(_ type: TypeID) -> IRPiece? {
        types.hasValue(type) ? alloca(type) : nil
    }

    private mutating func finishBranch(_ value: IRPiece?, into slot: IRPiece?, type: TypeID, end: IRPiece) {
        if let slot, let value, !isTerminated { assign(type, value, to: slot) }
        branch(to: end)
    }

    private mutating func readResult(_ slot: IRPiece?, type: TypeID) -> IRPiece? {
        guard let slot else { return nil }
        return types.isAggregate(type) ? slot : load(type, from: slot)
    }

    mutating func lowerIf(_ condition: ExprID, _ then: BlockID, _ otherwise: ExprID?, type: TypeID) -> IRPiece? {
        let slot = resultSlot(type)
        guard let test = lowerExpression(condition) else { return nil }
        let thenLabel = label("if.then.")
        let elseLabel = label("if.else.")
        let end = label("if.end.")
        emitTerminator("br i1 ", test, ", label %", thenLabel, ", label %", otherwise == nil ? end : elseLabel)
        startBlock(thenLabel)
        finishBranch(lowerBlock(then), into: slot, type: type, end: end)
        if let otherwise {
            startBlock(elseLabel)
            finishBranch(lowerExpression(otherwise), into: slot, type: type, end: end)
        }
        startBlock(end)
        return readResult(slot, type: type)
    }

    mutating func lowerTernary(_ condition: ExprID, _ then: ExprID, _ otherwise: ExprID, type: TypeID) -> IRPiece? {
        let slot = resultSlot(type)
        guard let test = lowerExpression(condition) else { return nil }
        let thenLabel = label("sel.then.")
        let elseLabel = label("sel.else.")
        let end = label("sel.end.")
        emitTerminator("br i1 ", test, ", label %", thenLabel, ", label %", elseLabel)
        startBlock(thenLabel)
        finishBranch(lowerExpression(then), into: slot, type: type, end: end)
        startBlock(elseLabel)
        finishBranch(lowerExpression(otherwise), into: slot, type: type, end: end)
        startBlock(end)
        return readResult(slot, type: type)
    }

    mutating func lowerMatch(_ scrutineeExpr: ExprID, _ arms: ArmList, type: TypeID) -> IRPiece? {
        let slot = resultSlot(type)
        guard let scrutinee = lowerExpression(scrutineeExpr) else { return nil }
        let scrutineeType = self.type(of: scrutineeExpr)
        let end = label("match.end.")
        for arm in arms {
            let next = label("match.next.")
            if let test = patternTest(arm.pattern, scrutinee, scrutineeType) {
                let armLabel = label("match.arm.")
                emitTerminator("br i1 ", test, ", label %", armLabel, ", label %", next)
                startBlock(armLabel)
            }
            bindPattern(arm.pattern, scrutinee, scrutineeType)
            if let condition = arm.condition {
                // A failed guard goes on to the next arm, as a failed pattern does.
                guard let holds = lowerExpression(condition) else {
                    startBlock(next)
                    continue
                }
                let guarded = label("match.guarded.")
                emitTerminator("br i1 ", holds, ", label %", guarded, ", label %", next)
                startBlock(guarded)
            }
            setLocation(tree[arm.body].span)
            finishBranch(lowerExpression(arm.body), into: slot, type: type, end: end)
            startBlock(next)
        }
        branch(to: end)
        startBlock(end)
        return readResult(slot, type: type)
    }

    mutating func lowerLoop(_ header: LoopHeader, _ body: BlockID) {
        switch header {
        case .forever:
            let top = label("loop.body.")
            let end = label("loop.end.")
            startBlock(top)
            lowerLoopBody(body, breakLabel: end, continueLabel: top)
            branch(to: top)
            startBlock(end)
        case .whileTrue(let condition):
            let test = label("while.test.")
            let top = label("while.body.")
            let end = label("while.end.")
            startBlock(test)
            guard let value = lowerExpression(condition) else { return }
            emitTerminator("br i1 ", value, ", label %", top, ", label %", end)
            startBlock(top)
            lowerLoopBody(body, breakLabel: end, continueLabel: test)
            branch(to: test)
            startBlock(end)
        case .range(let variable, let lower, let upper, let inclusive):
            lowerRangeLoop(variable, lower, upper, inclusive: inclusive, body)
        case .elements(let variable, let sequence):
            lowerElementLoop(variable, sequence, body)
        }
    }

    private mutating func lowerLoopBody(_ body: BlockID, breakLabel: IRPiece, continueLabel: IRPiece) {
        loopTargets.append((breakLabel, continueLabel))
        _ = lowerBlock(body)
        loopTargets.removeLast()
    }

    /// Counts from `lower` to `upper`. An inclusive loop leaves before the
    /// increment, so `..=` up to the type's maximum ends.
    private mutating func lowerRangeLoop(_ variable: Name, _ lower: ExprID, _ upper: ExprID, inclusive: Bool, _ body: BlockID) {
        guard let local = local(boundAt: variable.span),
              let start = lowerExpression(lower), let limit = lowerExpression(upper) else { return }
        let counterType = model.locals[local.index].type
        let llvm = layout.spelling(counterType)
        let signed = types.isSigned(counterType)
        let counter = slot(for: local)
        store(counterType, start, to: counter)
        let test = label("for.test.")
        let top = label("for.body.")
        let step = label("for.step.")
        let end = label("for.end.")
        startBlock(test)
        let current = load(counterType, from: counter)
        let inRange = temp()
        let predicate: IRPiece = inclusive ? (signed ? "sle" : "ule") : (signed ? "slt" : "ult")
        emit(inRange, " = icmp ", predicate, " ", llvm, " ", current, ", ", limit)
        emitTerminator("br i1 ", inRange, ", label %", top, ", label %", end)
        startBlock(top)
        lowerLoopBody(body, breakLabel: end, continueLabel: step)
        startBlock(step)
        let last = load(counterType, from: counter)
        if inclusive {
            let atLimit = temp()
            emit(atLimit, " = icmp eq ", llvm, " ", last, ", ", limit)
            let increment = label("for.inc.")
            emitTerminator("br i1 ", atLimit, ", label %", end, ", label %", increment)
            startBlock(increment)
        }
        let next = temp()
        emit(next, " = add ", llvm, " ", last, ", 1")
        store(counterType, next, to: counter)
        branch(to: test)
        startBlock(end)
    }

    private mutating func lowerElementLoop(_ variable: Name, _ sequence: ExprID, _ body: BlockID) {
        guard let local = local(boundAt: variable.span), let base = lowerExpression(sequence) else { return }
        var arrayType = type(of: sequence)
        if let pointee = types.pointee(arrayType) { arrayType = pointee }
        guard case .array(let element, let count) = types[arrayType] else { return }
        let counter = alloca(.i64)
        store(.i64, "0", to: counter)
        let test = label("each.test.")
        let top = label("each.body.")
        let step = label("each.step.")
        let end = label("each.end.")
        startBlock(test)
        let index = load(.i64, from: counter)
        let inRange = temp()
        emit(inRange, " = icmp slt i64 ", index, ", ", decimal(count))
        emitTerminator("br i1 ", inRange, ", label %", top, ", label %", end)
        startBlock(top)
        let pointer = elementPointer(arrayType: arrayType, base: base, index: index)
        let value = types.isAggregate(element) ? pointer : load(element, from: pointer)
        define(local, value)
        lowerLoopBody(body, breakLabel: end, continueLabel: step)
        startBlock(step)
        let current = load(.i64, from: counter)
        let next = temp()
        emit(next, " = add i64 ", current, ", 1")
        store(.i64, next, to: counter)
        branch(to: test)
        startBlock(end)
    }
}

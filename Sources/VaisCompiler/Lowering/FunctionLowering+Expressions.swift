import VaisSyntax

extension FunctionLowering {
    /// The type of the value `lowerExpression(expr)` gives: after numeric
    /// adaptation, if the checker recorded one.
    func type(of expr: ExprID) -> TypeID { model.usedType(of: expr) }

    /// Lowers an expression. Returns its value (a pointer for aggregates),
    /// or nil when it has none (unit, or control never gets past it).
    mutating func lowerExpression(_ id: ExprID) -> IRPiece? {
        let value = lowerOwnValue(id)
        let coerced = model.coercions[id.index]
        guard coerced != .error, let value else { return value }
        return convert(value, from: model.exprTypes[id.index], to: coerced)
    }

    /// An expression's value in its own type, before any adaptation.
    private mutating func lowerOwnValue(_ id: ExprID) -> IRPiece? {
        let node = tree[id]
        let type = model.exprTypes[id.index]
        switch node.kind {
        case .integer(let value):
            if types.isFloat(type) { return arena.float(Double(value), bits: types.bitWidth(type)) }
            return arena.decimal(Int64(bitPattern: value))
        case .float(let value):
            return arena.float(value, bits: types.bitWidth(type))
        case .string(let bytes):
            return module.stringConstant(tree[bytes])
        case .bool(let value):
            return value ? "true" : "false"
        case .name, .field, .index:
            return lowerReference(id)
        case .selfFunction:
            return plainValue(module.valueSymbol(function))
        case .unary(let op, let operand):
            return lowerUnary(op, operand, type: type)
        case .binary(let op, let left, let right, _):
            return lowerBinary(op, left, right, resultType: type)
        case .call(let callee, let arguments):
            setLocation(node.span)
            return lowerCall(id, callee: callee, arguments: tree[arguments])
        case .cast(let operand, _, _):
            guard let value = lowerExpression(operand) else { return nil }
            return convert(value, from: self.type(of: operand), to: type)
        case .structLiteral(_, let fields):
            return lowerStructLiteral(tree[fields], type: type)
        case .tuple(let elements):
            guard case .structure(let structID) = types[type] else { return nil }
            let storage = alloca(type)
            for (index, element) in tree[elements].enumerated() {
                guard let value = lowerExpression(element) else { return nil }
                let pointer = temp()
                emit(pointer, " = getelementptr inbounds ", layout.spelling(type), ", ptr ", storage, ", i32 0, i32 ", decimal(index))
                assign(model.structs[structID.index].fields[index].type, value, to: pointer)
            }
            return storage
        case .arrayLiteral(let elements):
            guard case .array(let element, _) = types[type] else { return nil }
            let storage = alloca(type)
            for (index, elementExpr) in tree[elements].enumerated() {
                guard let value = lowerExpression(elementExpr) else { return nil }
                let pointer = elementPointer(arrayType: type, base: storage, index: decimal(index))
                assign(element, value, to: pointer)
            }
            return storage
        case .arrayRepeat(let valueExpr, _):
            return lowerArrayRepeat(valueExpr, type: type)
        case .ifElse(let condition, let then, let otherwise):
            return lowerIf(condition, then, otherwise, type: type)
        case .ternary(let condition, let then, let otherwise):
            return lowerTernary(condition, then, otherwise, type: type)
        case .match(let scrutinee, let arms):
            return lowerMatch(scrutinee, tree[arms], type: type)
        case .block(let block):
            return lowerBlock(block)
        case .loop(let header, let body):
            lowerLoop(tree[header], body)
            return nil
        case .returnValue(let value):
            let result = value.flatMap { lowerExpression($0) }
            if !isTerminated { emitReturn(result) }
            return nil
        case .breakLoop:
            if let target = loopTargets.last { branch(to: target.breakLabel) }
            return nil
        case .continueLoop:
            if let target = loopTargets.last { branch(to: target.continueLabel) }
            return nil
        case .parenthesized(let inner):
            return lowerExpression(inner)
        case .tryPropagate(let inner):
            return lowerTry(inner, type: type)
        case .unwrap(let inner, let message):
            return lowerUnwrap(inner, message: message, type: type)
        case .closure:
            return lowerClosure(id)
        case .error:
            return nil
        }
    }

    /// Names, fields and elements: a load from their place, or the place
    /// itself for aggregates.
    private mutating func lowerReference(_ id: ExprID) -> IRPiece? {
        let type = model.exprTypes[id.index]
        switch model.resolutions[id.index] {
        case .function(let function):
            return plainValue(module.valueSymbol(model.functions[function.index]))
        case .variant(let enumID, let index):
            return constructVariant(enumID, index, arguments: [])
        case .local(let local) where isRegister(local):
            return place(of: local)
        default:
            break
        }
        guard let pointer = lowerPlace(id) else { return nil }
        if types.isAggregate(type) { return pointer }
        guard types.hasValue(type) else { return nil }
        return load(type, from: pointer)
    }

    /// The address of a place expression. An rvalue is spilled to a
    /// temporary so that its address can be taken (method receivers).
    mutating func lowerPlace(_ id: ExprID) -> IRPiece? {
        let node = tree[id]
        switch node.kind {
        case .name:
            switch model.resolutions[id.index] {
            case .local(let local): return slot(for: local)
            case .global(let global): return arena.copy(model.globals[global.index].symbol, prefix: "@")
            default: return nil
            }
        case .field(let base, _):
            guard case .field(let structID, let fieldIndex, let derefs) = model.resolutions[id.index],
                  var pointer = derefs == 0 ? lowerPlace(base) : lowerExpression(base) else { return nil }
            var current = type(of: base)
            if derefs > 0 {
                for _ in 1..<derefs {
                    current = types.pointee(current) ?? current
                    pointer = load(current, from: pointer)
                }
            }
            let structType = model.types.existing(.structure(structID))
            let result = temp()
            beginInstruction()
            write(result)
            write(" = getelementptr inbounds ")
            write(layout.spelling(structType))
            write(", ptr ")
            write(pointer)
            write(", i32 0, i32 ")
            write(decimal(fieldIndex))
            endInstruction()
            return result
        case .index(let base, let indexExpr):
            let baseType = type(of: base)
            let basePointer: IRPiece?
            if types.isAggregate(baseType) {
                basePointer = lowerPlace(base)
            } else {
                basePointer = lowerExpression(base)
            }
            guard let basePointer, let rawIndex = lowerExpression(indexExpr) else { return nil }
            let index = convert(rawIndex, from: type(of: indexExpr), to: .i64)
            switch types[baseType] {
            case .array:
                return elementPointer(arrayType: baseType, base: basePointer, index: index)
            case .pointer(let pointee):
                if case .array = types[pointee] {
                    return elementPointer(arrayType: pointee, base: basePointer, index: index)
                }
                let result = temp()
                emit(result, " = getelementptr inbounds ", layout.spelling(pointee), ", ptr ", basePointer, ", i64 ", index)
                return result
            default:
                return nil
            }
        case .unary(.dereference, let operand):
            return lowerExpression(operand)
        case .parenthesized(let inner):
            return lowerPlace(inner)
        default:
            let type = type(of: id)
            guard let value = lowerExpression(id) else { return nil }
            if types.isAggregate(type) { return value }
            let spill = alloca(type)
            store(type, value, to: spill)
            return spill
        }
    }

    mutating func elementPointer(arrayType: TypeID, base: IRPiece, index: IRPiece) -> IRPiece {
        let result = temp()
        beginInstruction()
        write(result)
        write(" = getelementptr inbounds ")
        write(layout.spelling(arrayType))
        write(", ptr ")
        write(base)
        write(", i64 0, i64 ")
        write(index)
        endInstruction()
        return result
    }

    private mutating func lowerUnary(_ op: UnaryOperator, _ operand: ExprID, type: TypeID) -> IRPiece? {
        switch op {
        case .addressOf:
            return lowerPlace(operand)
        case .dereference:
            guard let pointer = lowerExpression(operand) else { return nil }
            return types.isAggregate(type) ? pointer : load(type, from: pointer)
        case .negate:
            guard let value = lowerExpression(operand) else { return nil }
            let result = temp()
            if types.isFloat(type) {
                emit(result, " = fneg ", layout.spelling(type), " ", value)
            } else {
                emit(result, " = sub ", layout.spelling(type), " 0, ", value)
            }
            return result
        case .not, .bitNot:
            guard let value = lowerExpression(operand) else { return nil }
            let result = temp()
            emit(result, " = xor ", layout.spelling(type), " ", value, ", ", op == .not ? "true" : "-1")
            return result
        }
    }

    private mutating func lowerBinary(_ op: BinaryOperator, _ left: ExprID, _ right: ExprID, resultType: TypeID) -> IRPiece? {
        if op.isLogical { return lowerLogical(op, left, right) }
        guard let lhs = lowerExpression(left), var rhs = lowerExpression(right) else { return nil }
        let operandType = type(of: left) == .never ? type(of: right) : type(of: left)
        if op == .shiftLeft || op == .shiftRight {
            rhs = convert(rhs, from: type(of: right), to: operandType)
        }
        let llvm = layout.spelling(operandType)
        let result = temp()
        if op.isComparison {
            emit(result, " = ", comparison(op, operandType), " ", llvm, " ", lhs, ", ", rhs)
        } else {
            emit(result, " = ", arithmetic(op, operandType), " ", llvm, " ", lhs, ", ", rhs)
        }
        return result
    }

    private func comparison(_ op: BinaryOperator, _ type: TypeID) -> IRPiece {
        if types.isFloat(type) {
            switch op {
            case .equal: return "fcmp oeq"
            case .notEqual: return "fcmp une"
            case .less: return "fcmp olt"
            case .lessEqual: return "fcmp ole"
            case .greater: return "fcmp ogt"
            default: return "fcmp oge"
            }
        }
        let signed = types.isSigned(type)
        switch op {
        case .equal: return "icmp eq"
        case .notEqual: return "icmp ne"
        case .less: return signed ? "icmp slt" : "icmp ult"
        case .lessEqual: return signed ? "icmp sle" : "icmp ule"
        case .greater: return signed ? "icmp sgt" : "icmp ugt"
        default: return signed ? "icmp sge" : "icmp uge"
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ type: TypeID) -> IRPiece {
        let float = types.isFloat(type)
        let signed = types.isSigned(type)
        switch op {
        case .add: return float ? "fadd" : "add"
        case .subtract: return float ? "fsub" : "sub"
        case .multiply: return float ? "fmul" : "mul"
        case .divide: return float ? "fdiv" : (signed ? "sdiv" : "udiv")
        case .remainder: return float ? "frem" : (signed ? "srem" : "urem")
        case .shiftLeft: return "shl"
        case .shiftRight: return signed ? "ashr" : "lshr"
        case .bitAnd: return "and"
        case .bitOr: return "or"
        default: return "xor"
        }
    }

    /// `&&` and `||` evaluate their right side only when needed; the result
    /// goes through a stack slot so either side may branch or diverge.
    private mutating func lowerLogical(_ op: BinaryOperator, _ left: ExprID, _ right: ExprID) -> IRPiece? {
        let slot = alloca(.bool)
        guard let lhs = lowerExpression(left) else { return nil }
        store(.bool, lhs, to: slot)
        let rightLabel = label("logic.rhs.")
        let end = label("logic.end.")
        if op == .logicalAnd {
            emitTerminator("br i1 ", lhs, ", label %", rightLabel, ", label %", end)
        } else {
            emitTerminator("br i1 ", lhs, ", label %", end, ", label %", rightLabel)
        }
        startBlock(rightLabel)
        if let rhs = lowerExpression(right) { store(.bool, rhs, to: slot) }
        branch(to: end)
        startBlock(end)
        return load(.bool, from: slot)
    }

    /// `as` and the implicit widenings of C calls.
    mutating func convert(_ value: IRPiece, from source: TypeID, to target: TypeID) -> IRPiece {
        if source == target || source == .never { return value }
        let from = layout.spelling(source)
        let to = layout.spelling(target)
        let instruction: IRPiece?
        switch (types[source], types[target]) {
        case (.integer(let a, let signed), .integer(let b, _)):
            instruction = a == b ? nil : (a > b ? "trunc" : (signed ? "sext" : "zext"))
        case (.bool, .integer):
            instruction = "zext"
        case (.integer(_, let signed), .float):
            instruction = signed ? "sitofp" : "uitofp"
        case (.float, .integer(_, let signed)):
            instruction = signed ? "fptosi" : "fptoui"
        case (.float(let a), .float(let b)):
            instruction = a == b ? nil : (a < b ? "fpext" : "fptrunc")
        case (.integer, .pointer), (.integer, .str):
            instruction = "inttoptr"
        case (.pointer, .integer), (.str, .integer):
            instruction = "ptrtoint"
        case (.function, _), (_, .function):
            return convertFunctionValue(value, from: source, to: target)
        default:
            instruction = nil
        }
        guard let instruction else { return value }
        let result = temp()
        emit(result, " = ", instruction, " ", from, " ", value, " to ", to)
        return result
    }

    private mutating func lowerStructLiteral(_ fields: FieldList, type: TypeID) -> IRPiece? {
        guard case .structure(let structID) = types[type] else { return nil }
        let storage = alloca(type)
        let symbol = model.structs[structID.index]
        for field in fields {
            guard let index = symbol.fieldIndex(field.name.text), let value = lowerExpression(field.value) else { continue }
            let pointer = temp()
            emit(pointer, " = getelementptr inbounds ", layout.spelling(type), ", ptr ", storage, ", i32 0, i32 ", decimal(index))
            assign(symbol.fields[index].type, value, to: pointer)
        }
        return storage
    }

    private mutating func lowerArrayRepeat(_ valueExpr: ExprID, type: TypeID) -> IRPiece? {
        guard case .array(let element, let count) = types[type] else { return nil }
        let storage = alloca(type)
        guard let value = lowerExpression(valueExpr) else { return nil }
        if value == "0" || value == "false" || value == "null" || value == arena.float(0, bits: types.bitWidth(element)) {
            emit("call void @llvm.memset.p0.i64(ptr align ", layout.alignmentSpelling(type), " ", storage, ", i8 0, i64 ", decimal(layout.size(type)), ", i1 false)")
            return storage
        }
        let counter = alloca(.i64)
        store(.i64, "0", to: counter)
        let test = label("fill.test.")
        let bodyLabel = label("fill.body.")
        let end = label("fill.end.")
        startBlock(test)
        let index = load(.i64, from: counter)
        let done = temp()
        emit(done, " = icmp eq i64 ", index, ", ", decimal(count))
        emitTerminator("br i1 ", done, ", label %", end, ", label %", bodyLabel)
        startBlock(bodyLabel)
        assign(element, value, to: elementPointer(arrayType: type, base: storage, index: index))
        let next = temp()
        emit(next, " = add i64 ", index, ", 1")
        store(.i64, next, to: counter)
        branch(to: test)
        startBlock(end)
        return storage
    }
}

import VaisSyntax

extension FunctionLowering {
    mutating func lowerCall(_ id: ExprID, callee: ExprID, arguments: ExprList) -> IRPiece? {
        switch model.callTargets[id.index] {
        case .direct(let function):
            if selfTailCalls.contains(id.index), let decl = self.function.declaration {
                lowerSelfTailCall(arguments, decl)
                return nil
            }
            let symbol = model.functions[function.index]
            if symbol.kind == .intrinsic { return lowerIntrinsic(symbol, arguments: arguments) }
            guard let values = pushArguments(arguments, parameters: symbol.parameters, variadic: symbol.isVariadic) else { return nil }
            defer { popArguments(to: values.lowerBound) }
            if symbol.kind != .vais {
                plainPointers(values)
                if types.isFunction(symbol.result) {
                    // C gives a plain pointer: a function value with no environment.
                    guard let code = emitCall(shape(symbol.parameters, .str), callee: arena.copy(symbol.symbol, prefix: "@"),
                                              arguments: scratch.arguments[values]) else { return nil }
                    return convertFunctionValue(code, from: .str, to: symbol.result)
                }
            }
            return emitCall(symbol, through: module.callee(symbol), arguments: scratch.arguments[values])
        case .method(let function, let derefs):
            let symbol = model.functions[function.index]
            guard case .field(let base, _) = tree[callee].kind,
                  let receiver = lowerReceiver(base, derefs: derefs, symbol: symbol),
                  let values = pushArguments(arguments, parameters: symbol.parameters, variadic: symbol.isVariadic, receiver: receiver)
            else { return nil }
            defer { popArguments(to: values.lowerBound) }
            return emitCall(symbol, through: module.methodCallee(symbol), arguments: scratch.arguments[values])
        case .construct(let enumID, let variant):
            return constructVariant(enumID, variant, arguments: arguments)
        case .indirect:
            guard let pair = lowerExpression(callee),
                  case .function(let parameters, let result, let variadic) = types[type(of: callee)],
                  let values = lowerArguments(arguments, parameters: parameters, variadic: variadic) else { return nil }
            return callFunctionValue(pair, parameters: parameters, result: result, arguments: values)
        case nil:
            return nil
        }
    }

    /// A call of a named function: to its symbol, or to what its slot holds.
    private mutating func emitCall(_ symbol: FunctionSymbol, through callee: IRModule.Callee,
                                   arguments: ArraySlice<(type: TypeID, value: IRPiece)>) -> IRPiece? {
        switch callee {
        case .direct(let name):
            return emitCall(symbol, callee: arena.copy(name, prefix: "@"), arguments: arguments)
        case .slot(let slot):
            let pointer = load(.str, from: arena.copy(slot, prefix: "@"))
            return emitCall(symbol, callee: pointer, arguments: arguments, indirect: true)
        }
    }

    /// The receiver as the method takes it: an address for `&self` and
    /// `&mut self`, the value for `self`.
    private mutating func lowerReceiver(_ base: ExprID, derefs: Int, symbol: FunctionSymbol) -> (type: TypeID, value: IRPiece)? {
        guard let receiverType = symbol.parameters.first else { return nil }
        var pointer: IRPiece
        var current = type(of: base)
        if derefs == 0 {
            guard let place = lowerPlace(base) else { return nil }
            pointer = place
        } else {
            guard let value = lowerExpression(base) else { return nil }
            pointer = value
            for _ in 1..<derefs {
                current = types.pointee(current) ?? current
                pointer = load(current, from: pointer)
            }
        }
        if symbol.receiver == .value {
            return (receiverType, types.isAggregate(receiverType) ? pointer : load(receiverType, from: pointer))
        }
        return (receiverType, pointer)
    }

    /// The arguments as a list of their own, for the calls lowered less
    /// often (intrinsics, self tail calls, function values).
    mutating func lowerArguments(_ arguments: ExprList, parameters: [TypeID], variadic: Bool) -> [(type: TypeID, value: IRPiece)]? {
        guard let values = pushArguments(arguments, parameters: parameters, variadic: variadic) else { return nil }
        defer { popArguments(to: values.lowerBound) }
        return Array(scratch.arguments[values])
    }

    /// Evaluates arguments left to right onto the end of the scratch's
    /// `arguments`, where they are found by the range returned until
    /// `popArguments`. Aggregates are passed as a copy; variadic extras
    /// get C's promotions (f32 to f64, small ints to i32). A method's
    /// `receiver`, already lowered, comes first and takes the first
    /// parameter.
    private mutating func pushArguments(_ arguments: ExprList, parameters: [TypeID], variadic: Bool,
                                        receiver: (type: TypeID, value: IRPiece)? = nil) -> Range<Int>? {
        let start = scratch.arguments.count
        if let receiver { scratch.arguments.append(receiver) }
        let skipped = scratch.arguments.count - start
        for (position, argument) in arguments.enumerated() {
            guard let value = lowerExpression(argument) else {
                popArguments(to: start)
                return nil
            }
            let actual = type(of: argument)
            let lowered: (type: TypeID, value: IRPiece)
            if position + skipped < parameters.count {
                let parameter = parameters[position + skipped]
                if types.isAggregate(parameter) {
                    lowered = (parameter, isFreshTemporary(argument) ? value : copyAggregate(parameter, value))
                } else {
                    lowered = (parameter, convert(value, from: actual, to: parameter))
                }
            } else {
                lowered = promoteVariadic(value, actual)
            }
            scratch.arguments.append(lowered)
        }
        return start..<scratch.arguments.count
    }

    /// Drops the arguments pushed from `start` on.
    private func popArguments(to start: Int) {
        scratch.arguments.removeLast(scratch.arguments.count - start)
    }

    private mutating func promoteVariadic(_ value: IRPiece, _ type: TypeID) -> (type: TypeID, value: IRPiece) {
        switch types[type] {
        case .float(32):
            return (.f64, convert(value, from: type, to: .f64))
        case .integer(let bits, _) where bits < 32:
            return (.i32, convert(value, from: type, to: .i32))
        case .bool:
            return (.i32, convert(value, from: type, to: .i32))
        default:
            return (type, value)
        }
    }

    /// Values made for this expression alone need no defensive copy.
    private func isFreshTemporary(_ expr: ExprID) -> Bool {
        switch tree[expr].kind {
        case .call, .structLiteral, .arrayLiteral, .arrayRepeat: return true
        case .parenthesized(let inner): return isFreshTemporary(inner)
        default: return false
        }
    }

    /// Calls `callee`. An indirect or variadic call spells out the full
    /// function type, which LLVM needs to call through a pointer.
    mutating func emitCall(_ symbol: FunctionSymbol, callee: IRPiece, arguments: ArraySlice<(type: TypeID, value: IRPiece)>,
                           indirect: Bool = false) -> IRPiece? {
        let aggregateResult = types.isAggregate(symbol.result)
        let resultSlot = aggregateResult ? alloca(symbol.result) : nil
        let hasValue = !aggregateResult && symbol.result != .never && types.hasValue(symbol.result)
        let result = hasValue ? temp() : nil
        beginInstruction()
        if let result { write(result, " = ") }
        write("call ", aggregateResult ? "void" : layout.spelling(symbol.result))
        if symbol.isVariadic || indirect { write(" (", arena.copy(LLVMSignature(symbol, layout: layout).typeList), ")") }
        write(" ", callee, "(")
        if let resultSlot { write("ptr ", resultSlot, arguments.isEmpty ? "" : ", ") }
        for (position, argument) in arguments.enumerated() {
            if position > 0 { write(", ") }
            write(types.isAggregate(argument.type) ? "ptr" : layout.spelling(argument.type), " ", argument.value)
        }
        write(")")
        endInstruction()
        if symbol.result == .never {
            emitTerminator("unreachable")
            return nil
        }
        return resultSlot ?? result
    }

    mutating func constructVariant(_ enumID: EnumID, _ variant: Int, arguments: ExprList) -> IRPiece? {
        let enumType = model.types.existing(.enumeration(enumID))
        let payload = model.enums[enumID.index].variants[variant].payload
        var values: [IRPiece] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            guard let value = lowerExpression(argument) else { return nil }
            values.append(value)
        }
        let storage = alloca(enumType)
        store(.i32, decimal(variant), to: storage)
        for (index, value) in values.enumerated() where index < payload.count {
            let address = payloadFieldPointer(storage, enumID, variant: variant, field: index)
            assign(payload[index], convert(value, from: type(of: arguments[index]), to: payload[index]), to: address)
        }
        return storage
    }
}

import VaisSyntax

/// Function values: a pair `{ code, environment }`. A named function or a
/// closure that captures nothing has a null environment and its code is
/// an ordinary function; a closure that captures has its captures copied
/// into a block from `malloc`, and its code takes that block first.
extension FunctionLowering {
    static let pairType: IRPiece = "{ ptr, ptr }"

    /// A function, or a closure with nothing captured, as a value.
    func plainValue(_ symbol: String) -> IRPiece {
        arena.copy(symbol, prefix: "{ ptr @", suffix: ", ptr null }")
    }

    /// Makes a closure: its code's address and, when it captures, a fresh
    /// environment holding the captured values.
    mutating func lowerClosure(_ id: ExprID) -> IRPiece? {
        guard let closure = model.closureFunctions[id] else { return nil }
        let symbol = module.valueSymbol(model.functions[closure.index])
        let captures = model.closureCaptures[closure] ?? []
        guard !captures.isEmpty else { return plainValue(symbol) }
        let captureTypes = captures.map { model.locals[$0.inner.index].type }
        let (offsets, size) = layout.environmentLayout(captureTypes)
        let environment = temp()
        emit(environment, " = call ptr @malloc(i64 ", decimal(max(size, 1)), ")")
        for (capture, offset) in zip(captures, offsets) {
            let type = model.locals[capture.inner.index].type
            guard let value = localValue(capture.outer) else { continue }
            assign(type, value, to: byteOffset(environment, offset))
        }
        let pair = temp()
        emit(pair, " = insertvalue ", Self.pairType, " ", plainValue(symbol), ", ptr ", environment, ", 1")
        return pair
    }

    /// The value a local holds now (its address, for an aggregate).
    private mutating func localValue(_ local: LocalID) -> IRPiece? {
        if isRegister(local) { return place(of: local) }
        let pointer = slot(for: local)
        let type = model.locals[local.index].type
        return types.isAggregate(type) ? pointer : load(type, from: pointer)
    }

    private mutating func byteOffset(_ base: IRPiece, _ offset: Int) -> IRPiece {
        guard offset > 0 else { return base }
        let pointer = temp()
        emit(pointer, " = getelementptr inbounds i8, ptr ", base, ", i64 ", decimal(offset))
        return pointer
    }

    /// A closure's own copies of what it captured, read from the
    /// environment its first parameter points at.
    mutating func bindCaptures() {
        guard let captures = model.closureCaptures[functionID], !captures.isEmpty else { return }
        let offsets = layout.environmentLayout(captures.map { model.locals[$0.inner.index].type }).offsets
        for (capture, offset) in zip(captures, offsets) {
            let type = model.locals[capture.inner.index].type
            let pointer = byteOffset("%p0", offset)
            if types.isAggregate(type) {
                bindParameter(capture.inner, to: pointer)
            } else {
                define(capture.inner, load(type, from: pointer))
            }
        }
    }

    /// Calls a function value: its code alone when the environment is null,
    /// else with the environment first.
    mutating func callFunctionValue(_ pair: IRPiece, parameters: [TypeID], result: TypeID,
                                    arguments: [(type: TypeID, value: IRPiece)]) -> IRPiece? {
        let code = temp()
        emit(code, " = extractvalue ", Self.pairType, " ", pair, ", 0")
        let environment = temp()
        emit(environment, " = extractvalue ", Self.pairType, " ", pair, ", 1")
        let isPlain = temp()
        emit(isPlain, " = icmp eq ptr ", environment, ", null")
        let plain = label("call.plain.")
        let withEnvironment = label("call.env.")
        let join = label("call.join.")
        emitTerminator("br i1 ", isPlain, ", label %", plain, ", label %", withEnvironment)
        startBlock(plain)
        let plainValue = emitCall(shape(parameters, result), callee: code, arguments: arguments[...], indirect: true)
        branch(to: join)
        startBlock(withEnvironment)
        let environmentValue = emitCall(shape([.str] + parameters, result), callee: code,
                                        arguments: ([(.str, environment)] + arguments)[...], indirect: true)
        branch(to: join)
        startBlock(join)
        guard let plainValue, let environmentValue else {
            if result == .never { emitTerminator("unreachable") }
            return nil
        }
        let merged = temp()
        let type = types.isAggregate(result) ? "ptr" : layout.spelling(result)
        emit(merged, " = phi ", type, " [ ", plainValue, ", %", plain, " ], [ ", environmentValue, ", %", withEnvironment, " ]")
        return merged
    }

    /// A function of this signature, for calls that name no symbol.
    func shape(_ parameters: [TypeID], _ result: TypeID) -> FunctionSymbol {
        FunctionSymbol(name: "", symbol: "", kind: .vais, parameters: parameters, result: result,
                       isVariadic: false, isHot: false, owner: nil, receiver: nil, declaration: nil, file: nil, span: nil)
    }

    /// `as` between a function value and a pointer or an integer: the code
    /// address alone; a pointer made into a function value has no environment.
    mutating func convertFunctionValue(_ value: IRPiece, from source: TypeID, to target: TypeID) -> IRPiece {
        switch (types[source], types[target]) {
        case (.function, .function):
            return value
        case (.function, _):
            let code = temp()
            emit(code, " = extractvalue ", Self.pairType, " ", value, ", 0")
            guard types.isInteger(target) else { return code }
            let integer = temp()
            emit(integer, " = ptrtoint ptr ", code, " to ", layout.spelling(target))
            return integer
        default:
            var code = value
            if types.isInteger(source) {
                code = temp()
                emit(code, " = inttoptr ", layout.spelling(source), " ", value, " to ptr")
            }
            let pair = temp()
            emit(pair, " = insertvalue ", Self.pairType, " zeroinitializer, ptr ", code, ", 0")
            return pair
        }
    }

    /// Arguments of a C function, pushed at `values`: a function value
    /// becomes the plain pointer C takes (the checker made sure it has no
    /// environment).
    mutating func plainPointers(_ values: Range<Int>) {
        for index in values where types.isFunction(scratch.arguments[index].type) {
            let code = temp()
            emit(code, " = extractvalue ", Self.pairType, " ", scratch.arguments[index].value, ", 0")
            scratch.arguments[index] = (.str, code)
        }
    }
}

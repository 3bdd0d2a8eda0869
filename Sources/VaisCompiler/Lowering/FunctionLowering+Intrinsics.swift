import VaisSyntax

/// The built-ins the compiler lowers inline (`PredeclaredFunctions`, kind
/// `.intrinsic`): memory at `i64` addresses, and the original's printing
/// helpers on top of the C library.
extension FunctionLowering {
    mutating func lowerIntrinsic(_ symbol: FunctionSymbol, arguments: ExprList) -> IRPiece? {
        if symbol.name == "sizeof" {
            guard let argument = arguments.first, case .typeName(let type) = model.resolutions[argument.index] else { return "0" }
            return decimal(layout.size(type))
        }
        guard let values = lowerArguments(arguments, parameters: symbol.parameters, variadic: false),
              values.count == symbol.parameters.count else { return nil }
        switch symbol.name {
        case "load_i64":
            // Addresses the program computed need not be aligned.
            let value = temp()
            emit(value, " = load i64, ptr ", pointer(at: values[0].value), ", align 1")
            return value
        case "store_i64":
            emit("store i64 ", values[1].value, ", ptr ", pointer(at: values[0].value), ", align 1")
            return "0"
        case "load_byte":
            let byte = temp()
            emit(byte, " = load i8, ptr ", pointer(at: values[0].value), ", align 1")
            return convert(byte, from: .u8, to: .i64)
        case "store_byte":
            let byte = convert(values[1].value, from: .i64, to: .u8)
            emit("store i8 ", byte, ", ptr ", pointer(at: values[0].value), ", align 1")
            return "0"
        case "print_i64":
            return callC(arena.copy(IREmitter.integerFormat, prefix: "(ptr, ...) @printf(ptr @", suffix: ", i64 "), values[0].value, ")")
        case "str_to_ptr":
            return convert(values[0].value, from: .str, to: .i64)
        case "ptr_to_str":
            return pointer(at: values[0].value)
        case "puts_ptr":
            return callC(" @puts(ptr ", pointer(at: values[0].value), ")")
        case Parser.contractViolationName:
            emit("call i32 (i32, ptr, ...) @dprintf(i32 2, ptr ", values[0].value, ")")
            emit("call void @exit(i32 ", Self.panicExitCode, ")")
            emitTerminator("unreachable")
            return nil
        default:
            preconditionFailure("no lowering for the built-in `\(symbol.name)`")
        }
    }

    private mutating func pointer(at address: IRPiece) -> IRPiece {
        convert(address, from: .i64, to: .str)
    }

    /// Calls a C function returning `int` and widens its result to `i64`.
    private mutating func callC(_ callee: IRPiece, _ argument: IRPiece, _ end: IRPiece) -> IRPiece {
        let result = temp()
        emit(result, " = call i32 ", callee, argument, end)
        return convert(result, from: .i32, to: .i64)
    }
}

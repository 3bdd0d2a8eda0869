/// How a Vais function looks to LLVM. Aggregate parameters are passed as a
/// pointer to a copy the callee owns; an aggregate result is written through
/// a leading `noalias` pointer, `%ret`. Parameters are named `%p0`, `%p1`...
struct LLVMSignature {
    /// `void` when the result goes through `%ret`.
    let result: String
    /// One type per LLVM parameter, the result pointer first when there is one.
    let parameterTypes: [String]
    let returnsThroughPointer: Bool
    let isVariadic: Bool

    // Every function definition makes one: the types are read through the
    // layout rather than copied out of it, and the list is built in one array.
    init(_ function: FunctionSymbol, layout: TypeLayout) {
        // A C function takes and gives plain function pointers.
        let isC = function.kind != .vais
        func spelling(_ type: TypeID) -> String {
            if isC, layout.model.types.isFunction(type) { return "ptr" }
            return layout.model.types.isAggregate(type) ? "ptr" : layout.llvmType(type)
        }
        returnsThroughPointer = layout.model.types.isAggregate(function.result)
        result = returnsThroughPointer ? "void" : spelling(function.result)
        var parameterTypes: [String] = []
        parameterTypes.reserveCapacity(function.parameters.count + 1)
        if returnsThroughPointer { parameterTypes.append("ptr") }
        for parameter in function.parameters { parameterTypes.append(spelling(parameter)) }
        self.parameterTypes = parameterTypes
        isVariadic = function.isVariadic
    }

    /// The name of the LLVM parameter at `index`: `%ret`, then `%p0`, `%p1`...
    private func name(at index: Int) -> String {
        if returnsThroughPointer { return index == 0 ? "%ret" : IRText.parameter(index - 1) }
        return IRText.parameter(index)
    }

    /// The parameter list of a definition: `ptr noalias %ret, i64 %p0`.
    var definitionParameters: String {
        let buffer = IRBuffer(capacity: 16 * parameterTypes.count)
        writeDefinitionParameters(into: buffer)
        return buffer.text
    }

    /// The same, written as pieces: every function definition spells one.
    func writeDefinitionParameters(into output: IRBuffer) {
        for (index, type) in parameterTypes.enumerated() {
            let attribute = returnsThroughPointer && index == 0 ? " noalias " : " "
            output.append(index == 0 ? "" : ", ", type, attribute, name(at: index))
        }
    }

    /// A definition's own parameters passed on to another function of the
    /// same signature: `ptr %ret, i64 %p0`.
    var forwardedArguments: String {
        parameterTypes.indices.map { parameterTypes[$0] + " " + name(at: $0) }.joined(separator: ", ")
    }

    /// The parameter types, `...` last for a variadic function: what a
    /// declaration, or a call through a pointer, spells out.
    var typeList: String {
        (parameterTypes + (isVariadic ? ["..."] : [])).joined(separator: ", ")
    }
}

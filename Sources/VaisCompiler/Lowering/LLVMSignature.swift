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

    init(_ function: FunctionSymbol, layout: TypeLayout) {
        returnsThroughPointer = layout.model.types.isAggregate(function.result)
        result = Self.resultSpelling(function, layout: layout).text
        var parameterTypes: [String] = []
        parameterTypes.reserveCapacity(function.parameters.count + 1)
        if returnsThroughPointer { parameterTypes.append("ptr") }
        for parameter in function.parameters { parameterTypes.append(Self.spelling(parameter, in: function, layout: layout).text) }
        self.parameterTypes = parameterTypes
        isVariadic = function.isVariadic
    }

    /// How `type` is passed to `function`: a C function takes and gives
    /// plain function pointers, and aggregates go by pointer.
    private static func spelling(_ type: TypeID, in function: FunctionSymbol, layout: TypeLayout) -> IRPiece {
        if function.kind != .vais, layout.model.types.isFunction(type) { return "ptr" }
        return layout.model.types.isAggregate(type) ? "ptr" : layout.spelling(type)
    }

    /// The result type of a definition or declaration of `function`.
    static func resultSpelling(_ function: FunctionSymbol, layout: TypeLayout) -> IRPiece {
        layout.model.types.isAggregate(function.result) ? "void" : spelling(function.result, in: function, layout: layout)
    }

    /// The parameter list of a definition, `ptr noalias %ret, i64 %p0`,
    /// written as pieces: every function definition spells one.
    static func writeDefinitionParameters(of function: FunctionSymbol, layout: TypeLayout, arena: IRArena, into output: IRBuffer) {
        var separator: IRPiece = ""
        if layout.model.types.isAggregate(function.result) {
            output.append("ptr noalias %ret")
            separator = ", "
        }
        for (index, parameter) in function.parameters.enumerated() {
            output.append(separator, spelling(parameter, in: function, layout: layout), " ", IRText.parameter(index, arena: arena))
            separator = ", "
        }
    }

    /// The name of the LLVM parameter at `index`: `%ret`, then `%p0`, `%p1`...
    private func name(at index: Int) -> String {
        if returnsThroughPointer { return index == 0 ? "%ret" : "%p\(index - 1)" }
        return "%p\(index)"
    }

    /// The parameter list of a definition: `ptr noalias %ret, i64 %p0`.
    var definitionParameters: String {
        parameterTypes.indices.map { parameterTypes[$0] + (returnsThroughPointer && $0 == 0 ? " noalias " : " ") + name(at: $0) }
            .joined(separator: ", ")
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

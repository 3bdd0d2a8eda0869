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
        let types = layout.model.types
        // A C function takes and gives plain function pointers.
        let isC = function.kind != .vais
        func spelling(_ type: TypeID) -> String {
            if isC, types.isFunction(type) { return "ptr" }
            return types.isAggregate(type) ? "ptr" : layout.llvmType(type)
        }
        returnsThroughPointer = types.isAggregate(function.result)
        result = returnsThroughPointer ? "void" : spelling(function.result)
        parameterTypes = (returnsThroughPointer ? ["ptr"] : []) + function.parameters.map(spelling)
        isVariadic = function.isVariadic
    }

    private var names: [String] {
        (returnsThroughPointer ? ["%ret"] : []) + (0..<(parameterTypes.count - (returnsThroughPointer ? 1 : 0))).map { "%p\($0)" }
    }

    /// The parameter list of a definition: `ptr noalias %ret, i64 %p0`.
    var definitionParameters: String {
        zip(parameterTypes, names).enumerated().map { index, parameter in
            let attribute = returnsThroughPointer && index == 0 ? " noalias" : ""
            return parameter.0 + attribute + " " + parameter.1
        }.joined(separator: ", ")
    }

    /// A definition's own parameters passed on to another function of the
    /// same signature: `ptr %ret, i64 %p0`.
    var forwardedArguments: String {
        zip(parameterTypes, names).map { $0 + " " + $1 }.joined(separator: ", ")
    }

    /// The parameter types, `...` last for a variadic function: what a
    /// declaration, or a call through a pointer, spells out.
    var typeList: String {
        (parameterTypes + (isVariadic ? ["..."] : [])).joined(separator: ", ")
    }
}

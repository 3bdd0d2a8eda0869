extension SemanticModel {
    /// A type as a user writes it, for messages.
    public func describe(_ id: TypeID) -> String {
        switch types[id] {
        case .error: return "{error}"
        case .unit: return "()"
        case .bool: return "bool"
        case .never: return "never"
        case .str: return "str"
        case .integer(let bits, let signed): return "\(signed ? "i" : "u")\(bits)"
        case .float(let bits): return "f\(bits)"
        case .pointer(let pointee): return "*\(describe(pointee))"
        case .array(let element, let count): return "[\(describe(element)); \(count)]"
        case .function(let parameters, let result, let variadic):
            var list = parameters.map(describe)
            if variadic { list.append("...") }
            return "fn(\(list.joined(separator: ", ")))" + (result == .unit ? "" : " -> \(describe(result))")
        case .structure(let id): return structs[id.index].name
        case .enumeration(let id): return enums[id.index].name
        }
    }
}

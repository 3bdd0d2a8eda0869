import VaisSyntax

extension FunctionLowering {
    /// An `i1` that is true when `pattern` matches, or nil when it always
    /// matches.
    mutating func patternTest(_ pattern: Pattern, _ value: IRPiece, _ type: TypeID) -> IRPiece? {
        let llvm = layout.spelling(type)
        switch pattern {
        case .wildcard, .error:
            return nil
        case .binding(let name):
            guard let variant = model.variantPatterns[name.span] else { return nil }
            return tagTest(value, type, variant)
        case .integer(let literal, _):
            let result = temp()
            emit(result, " = icmp eq ", llvm, " ", value, ", ", arena.decimal(literal))
            return result
        case .bool(let literal, _):
            let result = temp()
            emit(result, " = icmp eq i1 ", value, ", ", literal ? "true" : "false")
            return result
        case .range(let lower, let upper, let inclusive, _):
            let signed = types.isSigned(type)
            let low = temp()
            emit(low, " = icmp ", signed ? "sge" : "uge", " ", llvm, " ", value, ", ", arena.decimal(lower))
            let high = temp()
            let predicate: IRPiece = inclusive ? (signed ? "sle" : "ule") : (signed ? "slt" : "ult")
            emit(high, " = icmp ", predicate, " ", llvm, " ", value, ", ", arena.decimal(upper))
            let result = temp()
            emit(result, " = and i1 ", low, ", ", high)
            return result
        case .variant(_, let variantName, let fields, _):
            guard case .enumeration(let enumID) = types[type],
                  let variant = model.enums[enumID.index].variantIndex(variantName.text) else { return nil }
            var test = tagTest(value, type, variant)
            let payload = model.enums[enumID.index].variants[variant].payload
            for (index, field) in fields.enumerated() where index < payload.count {
                let fieldValue = payloadValue(value, enumID, variant: variant, field: index)
                guard let fieldTest = patternTest(field, fieldValue, payload[index]) else { continue }
                // `select`, not `and`: the field is garbage when the tag differs.
                let combined = temp()
                emit(combined, " = select i1 ", test, ", i1 ", fieldTest, ", i1 false")
                test = combined
            }
            return test
        case .tuple(let elements, _):
            guard case .structure(let structID) = types[type] else { return nil }
            var combined: IRPiece?
            for (index, element) in elements.enumerated() {
                let elementType = model.structs[structID.index].fields[index].type
                guard let test = patternTest(element, tupleElement(value, type, index: index), elementType) else { continue }
                combined = joined(combined, test, by: "and")
            }
            return combined
        case .alternatives(let alternatives, _):
            var combined: IRPiece?
            for alternative in alternatives {
                guard let test = patternTest(alternative, value, type) else { return nil }
                combined = joined(combined, test, by: "or")
            }
            return combined
        }
    }

    /// `test`, or `previous` joined to it by the `i1` operation `operation`.
    private mutating func joined(_ previous: IRPiece?, _ test: IRPiece, by operation: IRPiece) -> IRPiece {
        guard let previous else { return test }
        let result = temp()
        emit(result, " = ", operation, " i1 ", previous, ", ", test)
        return result
    }

    private mutating func tagTest(_ value: IRPiece, _ type: TypeID, _ variant: Int) -> IRPiece {
        let tag = load(.i32, from: value)
        let result = temp()
        emit(result, " = icmp eq i32 ", tag, ", ", decimal(variant))
        return result
    }

    /// The value of one payload field of an enum held at `pointer`.
    mutating func payloadValue(_ pointer: IRPiece, _ enumID: EnumID, variant: Int, field: Int) -> IRPiece {
        let type = model.enums[enumID.index].variants[variant].payload[field]
        let address = payloadFieldPointer(pointer, enumID, variant: variant, field: field)
        return types.isAggregate(type) ? address : load(type, from: address)
    }

    mutating func payloadFieldPointer(_ pointer: IRPiece, _ enumID: EnumID, variant: Int, field: Int) -> IRPiece {
        let enumType = model.types.existing(.enumeration(enumID))
        let payload = temp()
        emit(payload, " = getelementptr inbounds ", layout.spelling(enumType), ", ptr ", pointer, ", i32 0, i32 1")
        let address = temp()
        let payloadType = layout.payloadType(enumID, variant: variant)
        emit(address, " = getelementptr inbounds ", payloadType, ", ptr ", payload, ", i32 0, i32 ", decimal(field))
        return address
    }

    /// The value of a tuple's element, the tuple held at `pointer`.
    private mutating func tupleElement(_ pointer: IRPiece, _ type: TypeID, index: Int) -> IRPiece {
        guard case .structure(let structID) = types[type] else { return pointer }
        let elementType = model.structs[structID.index].fields[index].type
        let address = temp()
        emit(address, " = getelementptr inbounds ", layout.spelling(type), ", ptr ", pointer, ", i32 0, i32 ", decimal(index))
        return types.isAggregate(elementType) ? address : load(elementType, from: address)
    }

    /// Gives the names a matched pattern binds their values.
    mutating func bindPattern(_ pattern: Pattern, _ value: IRPiece, _ type: TypeID) {
        switch pattern {
        case .binding(let name):
            guard model.variantPatterns[name.span] == nil, let local = local(boundAt: name.span) else { return }
            define(local, value)
        case .variant(_, let variantName, let fields, _):
            guard case .enumeration(let enumID) = types[type],
                  let variant = model.enums[enumID.index].variantIndex(variantName.text) else { return }
            let payload = model.enums[enumID.index].variants[variant].payload
            for (index, field) in fields.enumerated() where index < payload.count && bindsNames(field) {
                bindPattern(field, payloadValue(value, enumID, variant: variant, field: index), payload[index])
            }
        case .tuple(let elements, _):
            guard case .structure(let structID) = types[type] else { return }
            for (index, element) in elements.enumerated() where bindsNames(element) {
                bindPattern(element, tupleElement(value, type, index: index), model.structs[structID.index].fields[index].type)
            }
        default:
            return
        }
    }

    private func bindsNames(_ pattern: Pattern) -> Bool {
        switch pattern {
        case .binding(let name): return model.variantPatterns[name.span] == nil
        case .variant(_, _, let fields, _), .tuple(let fields, _): return fields.contains(where: bindsNames)
        default: return false
        }
    }
}

import VaisSyntax

extension Checker {
    /// Evaluates an already checked expression at compile time, or returns
    /// nil when it is not constant. Integers wrap to their type's width.
    mutating func evaluateConstant(_ expr: ExprID) -> ConstantValue? {
        let type = model.type(of: expr)
        switch tree[expr].kind {
        case .integer(let value):
            return model.types.isFloat(type) ? .float(Double(value)) : .integer(wrap(Int64(bitPattern: value), to: type))
        case .float(let value):
            return .float(value)
        case .bool(let value):
            return .bool(value)
        case .string(let bytes):
            return .string(tree[bytes])
        case .parenthesized(let inner):
            return evaluateConstant(inner)
        case .name:
            switch model.resolutions[expr.index] {
            case .global(let id) where model.globals[id.index].isConstant:
                ensureGlobalChecked(id)
                return model.constantValues[id.index]
            case .variant(let enumID, let variant) where model.enums[enumID.index].variants[variant].payload.isEmpty:
                return .aggregate([.integer(Int64(variant))])
            case .function(let function):
                return .function(model.functions[function.index].symbol)
            default:
                return nil
            }
        case .field:
            if case .variant(let enumID, let variant) = model.resolutions[expr.index],
               model.enums[enumID.index].variants[variant].payload.isEmpty {
                return .aggregate([.integer(Int64(variant))])
            }
            return nil
        case .unary(let op, let operand):
            guard let value = evaluateConstant(operand) else { return nil }
            switch (op, value) {
            case (.negate, .integer(let v)): return .integer(wrap(0 &- v, to: type))
            case (.negate, .float(let v)): return .float(-v)
            case (.not, .bool(let v)): return .bool(!v)
            case (.bitNot, .integer(let v)): return .integer(wrap(~v, to: type))
            default: return nil
            }
        case .binary(let op, let left, let right, _):
            guard let lhs = evaluateConstant(left), let rhs = evaluateConstant(right) else { return nil }
            return foldBinary(op, lhs, rhs, operandType: model.type(of: left), resultType: type)
        case .cast(let operand, _, _):
            guard let value = evaluateConstant(operand) else { return nil }
            return foldCast(value, to: type)
        case .structLiteral(_, let fields):
            guard case .structure(let id) = model.types[type] else { return nil }
            var values = Array(repeating: ConstantValue.zero, count: model.structs[id.index].fields.count)
            for field in tree[fields] {
                guard let index = model.structs[id.index].fieldIndex(field.name.text),
                      let value = evaluateConstant(field.value) else { return nil }
                values[index] = value
            }
            return .aggregate(values)
        case .arrayLiteral(let elements):
            var values: [ConstantValue] = []
            for element in tree[elements] {
                guard let value = evaluateConstant(element) else { return nil }
                values.append(value)
            }
            return .aggregate(values)
        case .arrayRepeat(let value, let count):
            guard let element = evaluateConstant(value), let length = model.arrayLengths[count] else { return nil }
            return element.isZero ? .zero : .aggregate(Array(repeating: element, count: length))
        default:
            return nil
        }
    }

    func wrap(_ value: Int64, to type: TypeID) -> Int64 {
        guard case .integer(let bits, let signed) = model.types[type], bits < 64 else { return value }
        let mask = (Int64(1) << bits) - 1
        let low = value & mask
        if signed, low & (Int64(1) << (bits - 1)) != 0 { return low | ~mask }
        return low
    }

    private func foldBinary(_ op: BinaryOperator, _ lhs: ConstantValue, _ rhs: ConstantValue, operandType: TypeID, resultType: TypeID) -> ConstantValue? {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)):
            let signed = model.types.isSigned(operandType)
            let ua = UInt64(bitPattern: a) & mask(operandType)
            let ub = UInt64(bitPattern: b) & mask(operandType)
            switch op {
            case .add: return .integer(wrap(a &+ b, to: resultType))
            case .subtract: return .integer(wrap(a &- b, to: resultType))
            case .multiply: return .integer(wrap(a &* b, to: resultType))
            case .divide:
                guard b != 0 else { return nil }
                return .integer(wrap(signed ? (a == .min && b == -1 ? a : a / b) : Int64(bitPattern: ua / ub), to: resultType))
            case .remainder:
                guard b != 0 else { return nil }
                return .integer(wrap(signed ? (b == -1 ? 0 : a % b) : Int64(bitPattern: ua % ub), to: resultType))
            case .shiftLeft:
                guard b >= 0, b < model.types.bitWidth(operandType) else { return nil }
                return .integer(wrap(a << b, to: resultType))
            case .shiftRight:
                guard b >= 0, b < model.types.bitWidth(operandType) else { return nil }
                return .integer(wrap(signed ? a >> b : Int64(bitPattern: ua >> UInt64(b)), to: resultType))
            case .bitAnd: return .integer(a & b)
            case .bitOr: return .integer(a | b)
            case .bitXor: return .integer(a ^ b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(signed ? a < b : ua < ub)
            case .lessEqual: return .bool(signed ? a <= b : ua <= ub)
            case .greater: return .bool(signed ? a > b : ua > ub)
            case .greaterEqual: return .bool(signed ? a >= b : ua >= ub)
            case .logicalAnd, .logicalOr: return nil
            }
        case (.float(let a), .float(let b)):
            switch op {
            case .add: return .float(a + b)
            case .subtract: return .float(a - b)
            case .multiply: return .float(a * b)
            case .divide: return .float(a / b)
            case .remainder: return .float(a.truncatingRemainder(dividingBy: b))
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            default: return nil
            }
        case (.bool(let a), .bool(let b)):
            switch op {
            case .logicalAnd: return .bool(a && b)
            case .logicalOr: return .bool(a || b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func mask(_ type: TypeID) -> UInt64 {
        let bits = model.types.bitWidth(type)
        return bits >= 64 ? .max : (UInt64(1) << UInt64(bits)) - 1
    }

    private func foldCast(_ value: ConstantValue, to type: TypeID) -> ConstantValue? {
        switch (value, model.types[type]) {
        case (.integer(let v), .integer): return .integer(wrap(v, to: type))
        case (.integer(let v), .float): return .float(Double(v))
        case (.float(let v), .float(let bits)): return .float(bits == 32 ? Double(Float(v)) : v)
        case (.float(let v), .integer):
            guard v.isFinite, v > -9.3e18, v < 9.3e18 else { return nil }
            return .integer(wrap(Int64(v), to: type))
        case (.bool(let v), .integer): return .integer(v ? 1 : 0)
        case (.integer(let v), .pointer): return .integer(v)
        default: return nil
        }
    }
}

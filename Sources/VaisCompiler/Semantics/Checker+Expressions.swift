import VaisSyntax

extension Checker {
    /// Checks an expression and records its type. `expected` is a hint that
    /// literals adapt to and branches are checked against; `used` is false
    /// for expressions whose value is thrown away (statements).
    @discardableResult
    mutating func checkExpression(_ id: ExprID, expected: TypeID?, used: Bool = true) -> TypeID {
        if let expected, let pointee = model.types.pointee(expected), case .arrayLiteral(let elements) = tree[id].kind, !tree[elements].isEmpty {
            return checkArrayDecay(id, tree[elements], pointer: expected, element: pointee)
        }
        return record(id, computeType(id, expected: expected, used: used))
    }

    /// `p: *i64 = [1, 2, 3]`, as the original's programs write: the array
    /// lives in the function's frame and the value is its address.
    private mutating func checkArrayDecay(_ id: ExprID, _ elements: ExprList, pointer: TypeID, element: TypeID) -> TypeID {
        let array = model.types.intern(.array(element, count: elements.count))
        guard record(id, checkArrayLiteral(elements, expected: array, span: tree[id].span)) != .error else { return .error }
        model.coercions[id.index] = pointer
        return pointer
    }

    private mutating func computeType(_ id: ExprID, expected: TypeID?, used: Bool) -> TypeID {
        let node = tree[id]
        switch node.kind {
        case .integer(let value):
            return integerLiteralType(value, negated: false, expected: expected, span: node.span)
        case .float:
            return expected == .f32 ? .f32 : .f64
        case .string:
            return .str
        case .bool:
            return .bool
        case .name(let name):
            return resolveName(id, tree[name], expected: expected, span: node.span)
        case .selfFunction:
            guard closureContexts.isEmpty else {
                error("E001", "`@` cannot be used inside a closure: name the function to call it", at: node.span)
                return .error
            }
            guard let current = currentFunction else {
                error("E001", "`@` refers to the enclosing function, and there is none here", at: node.span)
                return .error
            }
            model.resolutions[id.index] = .function(current)
            return functionType(of: current)
        case .unary(let op, let operand):
            return checkUnary(op, operand, expected: expected, span: node.span)
        case .binary(let op, let left, let right, let operatorAt):
            return checkBinary(op, left, right, expected: expected,
                               operatorSpan: SourceSpan(file: node.span.file, start: operatorAt, end: operatorAt + UInt32(op.symbol.utf8.count)))
        case .call(let callee, let arguments):
            return checkCall(id, callee: callee, arguments: tree[arguments], expected: expected)
        case .field(let base, let name):
            return checkField(id, base: base, name: tree[name], expected: expected)
        case .index(let base, let index):
            return checkIndex(id, base, index)
        case .cast(let operand, let typeSyntax, let asAt):
            return checkCast(operand, tree[typeSyntax], asSpan: SourceSpan(file: node.span.file, start: asAt, end: asAt + 2))
        case .structLiteral(let typeName, let fields):
            return checkStructLiteral(id, tree[typeName], tree[fields], expected: expected)
        case .arrayLiteral(let elements):
            if let expected, let list = rewriteCollectionLiteral(id, expected: expected) { return list }
            return checkArrayLiteral(tree[elements], expected: expected, span: node.span)
        case .tuple(let elements):
            return checkTuple(tree[elements], expected: expected)
        case .arrayRepeat(let value, let count):
            var elementExpected: TypeID?
            if let expected, case .array(let element, _) = model.types[expected] { elementExpected = element }
            let element = checkExpression(value, expected: elementExpected)
            guard let length = arrayLength(count), element != .error else { return .error }
            if !model.types.hasValue(element) {
                error("E003", "an array element needs a value, not `\(describe(element))`", at: tree[value].span)
                return .error
            }
            return model.types.intern(.array(element, count: length))
        case .ifElse(let condition, let then, let otherwise):
            return checkIf(condition, then, otherwise, expected: expected, used: used)
        case .ternary(let condition, let then, let otherwise):
            checkCondition(condition)
            let thenType = checkExpression(then, expected: expected)
            let elseType = checkExpression(otherwise, expected: expected ?? valueType(thenType))
            return unify(thenType, elseType, at: tree[otherwise].span, checked: otherwise, firstValue: then)
        case .match(let scrutinee, let arms):
            return checkMatch(scrutinee, tree[arms], expected: expected, used: used, span: node.span)
        case .block(let block):
            if let expected, tree[block].statements.isEmpty, tree[block].tail == nil, let map = rewriteCollectionLiteral(id, expected: expected) { return map }
            return checkBlock(block, expected: expected, used: used)
        case .loop(let headerID, let body):
            let header = tree[headerID]
            var sequenceType: TypeID?
            if case .elements(let variable, let sequence) = header {
                // Checked first, on its own: it may intern the type asked about.
                let type = checkExpression(sequence, expected: nil)
                if vectorElement(type) != nil {
                    return rewriteVectorLoop(id, variable: variable, sequence: sequence, body: body, used: used)
                }
                if collectionName(type) == "List" {
                    return rewriteListLoop(id, variable: variable, sequence: sequence, body: body, used: used)
                }
                sequenceType = type
            }
            return checkLoop(header, body, sequenceType: sequenceType)
        case .returnValue(let value):
            checkReturn(value, span: node.span)
            return .never
        case .breakLoop, .continueLoop:
            if loops.isEmpty {
                let keyword = if case .breakLoop = node.kind { "B" } else { "C" }
                error("E010", "`\(keyword)` can only be used inside a loop", at: node.span)
            } else if case .breakLoop = node.kind {
                loops[loops.count - 1].hasBreak = true
            }
            return .never
        case .parenthesized(let inner):
            return checkExpression(inner, expected: expected, used: used)
        case .tryPropagate(let inner):
            return checkTry(inner, span: SourceSpan(file: node.span.file, start: node.span.end - 1, end: node.span.end))
        case .unwrap(let inner, _):
            return checkUnwrap(inner, span: SourceSpan(file: node.span.file, start: node.span.end - 1, end: node.span.end))
        case .closure(let signatureID, let body):
            let signature = tree[signatureID]
            return checkClosure(id, parameters: signature.parameters, result: signature.result, body: body, expected: expected, span: node.span)
        case .error:
            return .error
        }
    }

    /// The type of an integer literal: the expected integer type when it
    /// fits, otherwise `i64`.
    mutating func integerLiteralType(_ value: UInt64, negated: Bool, expected: TypeID?, span: SourceSpan) -> TypeID {
        // An integer literal where a float is expected is that float.
        if let expected, model.types.isFloat(expected) { return expected }
        let type = expected.flatMap { model.types.isInteger($0) ? $0 : nil } ?? .i64
        guard case .integer(let bits, let signed) = model.types[type] else { return type }
        let maximum: UInt64 = signed ? (UInt64(1) << UInt64(bits - 1)) - (negated ? 0 : 1) : (bits == 64 ? .max : (UInt64(1) << UInt64(bits)) - 1)
        if value > maximum && !(negated && !signed) {
            error("E003", "the literal \(negated ? "-" : "")\(value) does not fit in `\(describe(type))`", at: span)
            return .error
        }
        return type
    }

    func valueType(_ type: TypeID) -> TypeID? {
        type == .never || type == .error ? nil : type
    }

    mutating func checkCondition(_ condition: ExprID) {
        let type = checkExpression(condition, expected: .bool)
        if type != .bool, type != .error, type != .never {
            error("E020", "the condition must be `bool`, found `\(describe(type))`", at: tree[condition].span)
        }
    }

    mutating func functionType(of id: FunctionID) -> TypeID {
        let function = model.functions[id.index]
        return model.types.intern(.function(parameters: function.parameters, result: function.result, variadic: function.isVariadic))
    }

    private mutating func resolveName(_ id: ExprID, _ name: String, expected: TypeID?, span: SourceSpan) -> TypeID {
        if let local = resolveLocal(name) {
            model.resolutions[id.index] = .local(local)
            if deferredBinding != nil { noteDeferredUse(id, expected: expected) }
            return model.locals[local.index].type
        }
        if !hiddenNames.isEmpty { requireImported(name, at: span) }
        switch valueNames[name] {
        case .global(let global):
            ensureGlobalChecked(global)
            model.resolutions[id.index] = .global(global)
            return model.globals[global.index].type
        case .function(let function):
            guard model.functions[function.index].kind != .intrinsic else {
                // A built-in is lowered where it is called: it has no address.
                error("E008", "the built-in `\(name)` can only be called, not used as a value", at: span)
                return .error
            }
            model.resolutions[id.index] = .function(function)
            let function = model.functions[function.index]
            return model.types.intern(.function(parameters: function.parameters, result: function.result, variadic: function.isVariadic))
        case .genericFunction(let index):
            // A generic function as a value needs its type arguments written.
            let template = genericFunctions[index]
            guard let explicit = explicitTypeArguments(of: id) else {
                error("E028", "cannot infer the type arguments of `\(name)` here; write them, as in `\(name)<...>`", at: span)
                return .error
            }
            guard explicit.count == template.parameters.count else {
                error("E027", "`\(name)` takes \(template.parameters.count) type argument(s) but \(explicit.count) were given", at: span)
                return .error
            }
            guard let function = instantiateFunction(template, explicit, owner: nil, at: span) else { return .error }
            model.resolutions[id.index] = .function(function)
            return functionType(of: function)
        case nil:
            break
        }
        if let variants = bareVariants[name], variants.count == 1, let (enumID, index) = variants.first {
            return variantValue(id, enumID, index, span: span)
        }
        if bareVariants[name] == nil, let variants = genericBareVariants[name], variants.count == 1, let (template, index) = variants.first {
            return checkGenericVariant(id, templateName: template, variantIndex: index, arguments: nil, expected: expected, span: span)
        }
        if typeNames[name] != nil || TypeTable.builtinNames[name] != nil {
            error("E001", "`\(name)` is a type, not a value", at: span)
        } else {
            error("E001", "undefined name `\(name)`", at: span)
        }
        return .error
    }

    /// A variant used as a value: only a unit variant has one.
    mutating func variantValue(_ id: ExprID, _ enumID: EnumID, _ index: Int, span: SourceSpan) -> TypeID {
        let variant = model.enums[enumID.index].variants[index]
        model.resolutions[id.index] = .variant(enumID, index)
        if !variant.payload.isEmpty {
            error("E005", "the variant `\(variant.name)` takes \(variant.payload.count) value(s): write `\(variant.name)(...)`", at: span)
            return .error
        }
        return model.types.intern(.enumeration(enumID))
    }

    private mutating func checkUnary(_ op: UnaryOperator, _ operand: ExprID, expected: TypeID?, span: SourceSpan) -> TypeID {
        switch op {
        case .negate:
            if case .integer(let value) = tree[operand].kind {
                let type = integerLiteralType(value, negated: true, expected: expected, span: span)
                return record(operand, type)
            }
            let type = checkExpression(operand, expected: expected)
            guard type != .error else { return .error }
            guard model.types.isNumeric(type) else {
                error("E009", "`-` cannot take `\(describe(type))`", at: span.startPoint.through(SourceSpan(file: span.file, start: span.start, end: span.start + 1)))
                return .error
            }
            return type
        case .not:
            let type = checkExpression(operand, expected: .bool)
            guard type == .bool || type == .error else {
                error("E009", "`!` takes a `bool`, found `\(describe(type))`; use `~` for bits", at: SourceSpan(file: span.file, start: span.start, end: span.start + 1))
                return .error
            }
            return type
        case .bitNot:
            let type = checkExpression(operand, expected: expected)
            guard model.types.isInteger(type) || type == .error else {
                error("E009", "`~` takes an integer, found `\(describe(type))`", at: SourceSpan(file: span.file, start: span.start, end: span.start + 1))
                return .error
            }
            return type
        case .addressOf:
            let pointee = expected.flatMap { model.types.pointee($0) }
            let type = checkExpression(operand, expected: pointee)
            guard type != .error else { return .error }
            if case .none = placeRoot(of: operand) {
                error("E015", "cannot take the address of a temporary value; bind it to a name first", at: tree[operand].span)
                return .error
            }
            noteAddressTaken(operand)
            return model.types.pointer(to: type)
        case .dereference:
            let type = checkExpression(operand, expected: expected.map { model.types.pointer(to: $0) })
            guard type != .error else { return .error }
            guard let pointee = model.types.pointee(type) else {
                error("E017", "cannot dereference a value of type `\(describe(type))`", at: SourceSpan(file: span.file, start: span.start, end: span.start + 1))
                return .error
            }
            return pointee
        }
    }

    /// Literals with no type of their own adopt the other operand's type.
    mutating func isUntypedLiteral(_ expr: ExprID) -> Bool {
        switch tree[expr].kind {
        case .integer, .float: return true
        case .unary(.negate, let inner), .unary(.bitNot, let inner), .parenthesized(let inner): return isUntypedLiteral(inner)
        case .binary(let op, let left, let right, _):
            if let known = untypedLiteralChains[expr] { return known }
            let untyped = !op.isComparison && !op.isLogical && isUntypedLiteral(right) && isUntypedLiteral(left)
            untypedLiteralChains[expr] = untyped
            return untyped
        default: return false
        }
    }

    private mutating func checkBinary(_ op: BinaryOperator, _ left: ExprID, _ right: ExprID, expected: TypeID?, operatorSpan: SourceSpan) -> TypeID {
        if op.isLogical {
            let lhs = checkExpression(left, expected: .bool)
            let rhs = checkExpression(right, expected: .bool)
            for (type, operand) in [(lhs, left), (rhs, right)] where type != .bool && type != .error && type != .never {
                error("E009", "`\(op.symbol)` takes `bool` operands, found `\(describe(type))`", at: operatorSpan)
                _ = operand
                return .error
            }
            return .bool
        }
        let hint: TypeID? = op.isComparison ? nil : expected.flatMap { model.types.isNumeric($0) ? $0 : nil }
        var lhs: TypeID
        var rhs: TypeID
        if op == .shiftLeft || op == .shiftRight {
            lhs = checkExpression(left, expected: hint)
            rhs = checkExpression(right, expected: .i64)
        } else if isUntypedLiteral(left) && !isUntypedLiteral(right) {
            rhs = checkExpression(right, expected: hint)
            lhs = checkExpression(left, expected: valueType(rhs))
        } else {
            lhs = checkExpression(left, expected: hint)
            rhs = checkExpression(right, expected: valueType(lhs))
        }
        if lhs == .error || rhs == .error { return .error }
        if lhs == .never { lhs = rhs }
        if rhs == .never { rhs = lhs }
        if boolIsInteger, lhs == .bool || rhs == .bool, op != .shiftLeft, op != .shiftRight {
            // The newer spelling: a bool beside an integer is that integer
            // type, 0 or 1 (`n + (c == 'A')`); two bools added, multiplied,
            // divided are `i64`s. Compared or combined bit by bit, two bools
            // stay bools.
            let integer: TypeID? = lhs == .bool && rhs == .bool
                ? (op.isComparison || op == .bitAnd || op == .bitOr || op == .bitXor ? nil : .i64)
                : (model.types.isInteger(lhs) ? lhs : model.types.isInteger(rhs) ? rhs : nil)
            if let integer {
                coerce(left, from: lhs, to: integer)
                coerce(right, from: rhs, to: integer)
                lhs = integer
                rhs = integer
            }
        }
        let operandsFit: Bool
        switch op {
        case .add, .subtract, .multiply, .divide, .remainder:
            operandsFit = model.types.isNumeric(lhs)
        case .bitAnd, .bitOr, .bitXor:
            operandsFit = model.types.isInteger(lhs) || lhs == .bool
        case .shiftLeft, .shiftRight:
            guard model.types.isInteger(lhs), model.types.isInteger(rhs) else {
                error("E009", "`\(op.symbol)` takes integers, found `\(describe(lhs))` and `\(describe(rhs))`", at: operatorSpan)
                return .error
            }
            return lhs
        case .equal, .notEqual:
            operandsFit = model.types.isNumeric(lhs) || lhs == .bool || model.types.isPointerLike(lhs)
        case .less, .lessEqual, .greater, .greaterEqual:
            operandsFit = model.types.isNumeric(lhs)
        case .logicalAnd, .logicalOr:
            operandsFit = false
        }
        guard operandsFit else {
            error("E009", "`\(op.symbol)` cannot take `\(describe(lhs))` operands", at: operatorSpan)
            return .error
        }
        guard isAssignable(rhs, to: lhs) || isAssignable(lhs, to: rhs) else {
            error("E003", "type mismatch: `\(op.symbol)` needs both operands of one type, found `\(describe(lhs))` and `\(describe(rhs))`",
                  at: tree[right].span)
            return .error
        }
        if areAdaptable(lhs, rhs) {
            let common = widerNumeric(lhs, rhs)
            coerce(left, from: lhs, to: common)
            coerce(right, from: rhs, to: common)
            lhs = common
        }
        return op.isComparison ? .bool : lhs
    }

    private mutating func checkIndex(_ id: ExprID, _ base: ExprID, _ index: ExprID) -> TypeID {
        let baseType = checkExpression(base, expected: nil)
        let indexType = checkExpression(index, expected: .i64)
        if indexType != .error, !model.types.isInteger(indexType) {
            error("E003", "an index must be an integer, found `\(describe(indexType))`", at: tree[index].span)
        }
        guard baseType != .error else { return .error }
        if vectorElement(baseType) != nil, !isVectorStorage(base) { return rewriteVectorIndex(id, base: base, index: index) }
        if collectionName(baseType) == "List" { return rewriteListIndex(id, base: base, index: index) }
        if baseType == .str { return model.types.isInteger(indexType) ? rewriteStringIndex(id, base: base, index: index) : .error }
        switch model.types[baseType] {
        case .array(let element, _):
            return element
        case .pointer(let pointee):
            if case .array(let element, _) = model.types[pointee] { return element }
            return pointee
        default:
            error("E016", "cannot index a value of type `\(describe(baseType))`", at: tree[base].span)
            return .error
        }
    }

    private mutating func checkCast(_ operand: ExprID, _ typeSyntax: TypeSyntax, asSpan: SourceSpan) -> TypeID {
        let target = resolveType(typeSyntax)
        let source = checkExpression(operand, expected: nil)
        guard source != .error, target != .error else { return .error }
        if source == target || source == .never { return target }
        let allowed: Bool
        switch (model.types[source], model.types[target]) {
        case (.integer, .integer), (.integer, .float), (.float, .integer), (.float, .float),
             (.bool, .integer), (.integer, .pointer), (.pointer, .integer), (.pointer, .pointer),
             (.str, .pointer), (.pointer, .str), (.str, .integer), (.function, .pointer), (.pointer, .function):
            allowed = true
        default:
            allowed = false
        }
        if !allowed {
            error("E014", "cannot cast `\(describe(source))` to `\(describe(target))`", at: asSpan)
            return .error
        }
        return target
    }

    private mutating func checkStructLiteral(_ literal: ExprID, _ typeName: Name, _ fields: FieldList, expected: TypeID?) -> TypeID {
        if !hiddenNames.isEmpty, environmentType(typeName.text) == nil { requireImported(typeName.text, at: typeName.span) }
        let declared = typeNames[typeName.text]
        if declared == nil, let template = genericTypes[typeName.text], case .structure(let decl) = template.decl {
            return checkGenericStructLiteral(literal, template, decl, typeName, fields, expected: expected)
        }
        if !tree.typeArguments.isEmpty, tree.typeArguments[literal] != nil {
            error("E027", "`\(typeName.text)` is not generic and takes no type arguments", at: typeName.span)
        }
        let named = declared ?? environmentType(typeName.text)
        guard let type = named, case .structure = model.types[type] else {
            error("E002", "undefined struct `\(typeName.text)`", at: typeName.span)
            for field in fields { checkExpression(field.value, expected: nil) }
            return .error
        }
        return checkFields(fields, of: type, typeName: typeName, checked: [])
    }

    /// The fields of a literal of struct `type`; `checked` holds the types
    /// of values already checked (to infer a generic struct's arguments).
    /// `checked` holds, by position, the types of values checked already
    /// (empty when none was).
    mutating func checkFields(_ fields: FieldList, of type: TypeID, typeName: Name, checked: [TypeID?]) -> TypeID {
        guard case .structure(let id) = model.types[type] else { return .error }
        let declared = model.structs[id.index].fields
        let displayName = model.structs[id.index].name
        // By the declared field's index: a flag each costs less than a set of names.
        var given = IndexFlags()
        for (position, field) in fields.enumerated() {
            guard let index = model.structs[id.index].fieldIndex(field.name.text) else {
                error("E004", "struct `\(displayName)` has no field `\(field.name.text)`", at: field.name.span)
                if position >= checked.count || checked[position] == nil { checkExpression(field.value, expected: nil) }
                continue
            }
            if !given.insert(index) {
                error("E007", "the field `\(field.name.text)` is given more than once", at: field.name.span)
            }
            let expected = declared[index].type
            let actual = (position < checked.count ? checked[position] : nil) ?? checkExpression(field.value, expected: expected)
            if !isAssignable(actual, to: expected), !handlesOwnMismatch(field.value) {
                _ = requireAssignable(actual, to: expected, at: tree[field.value].span, "in field `\(field.name.text)` of `\(displayName)`")
            }
            coerce(field.value, from: actual, to: expected)
        }
        if given.count < declared.count {
            let missing = declared.indices.filter { !given.contains($0) }.map { "`\(declared[$0].name)`" }
            error("E011", "missing field\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) in `\(displayName)` literal", at: typeName.span)
        }
        return type
    }

    private mutating func checkArrayLiteral(_ elements: ExprList, expected: TypeID?, span: SourceSpan) -> TypeID {
        var elementType: TypeID?
        if let expected, case .array(let element, let count) = model.types[expected] {
            elementType = element
            if count != elements.count {
                error("E003", "type mismatch: expected `\(describe(expected))`, found an array of \(elements.count) element(s)", at: span)
                for element in elements { checkExpression(element, expected: element == elements.first ? elementType : elementType) }
                return .error
            }
        }
        guard !elements.isEmpty else {
            if let elementType { return model.types.intern(.array(elementType, count: 0)) }
            error("E003", "cannot tell the element type of an empty array; give the binding a type", at: span)
            return .error
        }
        var failed = false
        for element in elements {
            let actual = checkExpression(element, expected: elementType)
            if let known = elementType {
                if !requireAssignable(actual, to: known, at: tree[element].span) { failed = true }
                coerce(element, from: actual, to: known)
            } else if let value = valueType(actual) {
                elementType = value
            } else {
                failed = true
            }
        }
        guard let elementType, !failed, elementType != .error else { return .error }
        return model.types.intern(.array(elementType, count: elements.count))
    }

    private mutating func checkIf(_ condition: ExprID, _ then: BlockID, _ otherwise: ExprID?, expected: TypeID?, used: Bool) -> TypeID {
        checkCondition(condition)
        let thenType = checkBlock(then, expected: used ? expected : nil, used: used)
        guard let otherwise else { return .unit }
        let elseType = checkExpression(otherwise, expected: used ? (expected ?? valueType(thenType)) : nil, used: used)
        guard used else { return thenType == .never && elseType == .never ? .never : .unit }
        return unify(thenType, elseType, at: branchValueSpan(otherwise), checked: otherwise, firstValue: tree[then].tail)
    }

    /// The span of the value a branch produces: its block's tail if any.
    func branchValueSpan(_ expr: ExprID) -> SourceSpan {
        if case .block(let block) = tree[expr].kind, let tail = tree[block].tail { return branchValueSpan(tail) }
        return tree[expr].span
    }

    /// The common type of two branches, or E003 at the second one.
    mutating func unify(_ first: TypeID, _ second: TypeID, at span: SourceSpan, checked: ExprID, firstValue: ExprID?) -> TypeID {
        if first == .never { return second }
        if second == .never { return first }
        if first == .error || second == .error { return .error }
        if areAdaptable(first, second) {
            let common = widerNumeric(first, second)
            if let firstValue { coerce(firstValue, from: first, to: common) }
            coerce(checked, from: second, to: common)
            return common
        }
        if isAssignable(second, to: first) { return first }
        if isAssignable(first, to: second) { return second }
        error("E003", "type mismatch: branches have different types, `\(describe(first))` and `\(describe(second))`", at: span)
        return .error
    }

    /// `sequenceType`: the type of an `L x: sequence` loop's sequence, checked already.
    private mutating func checkLoop(_ header: LoopHeader, _ body: BlockID, sequenceType checked: TypeID?) -> TypeID {
        loops.append(LoopContext())
        pushScope()
        var isForever = false
        switch header {
        case .forever:
            isForever = true
        case .whileTrue(let condition):
            checkCondition(condition)
        case .range(let variable, let lower, let upper, _):
            var lowerType: TypeID
            var upperType: TypeID
            if isUntypedLiteral(lower) && !isUntypedLiteral(upper) {
                upperType = checkExpression(upper, expected: nil)
                lowerType = checkExpression(lower, expected: valueType(upperType))
            } else {
                lowerType = checkExpression(lower, expected: nil)
                upperType = checkExpression(upper, expected: valueType(lowerType))
            }
            var counter = lowerType
            if lowerType != .error, !model.types.isInteger(lowerType) {
                error("E003", "a counting loop needs integer bounds, found `\(describe(lowerType))`", at: tree[lower].span)
                counter = .error
            } else if upperType != .error, !isAssignable(upperType, to: lowerType) {
                _ = requireAssignable(upperType, to: lowerType, at: tree[upper].span)
            } else {
                coerce(upper, from: upperType, to: lowerType)
            }
            let counterLocal = declareLocal(variable, type: counter, mutable: false)
            model.localNeedsMemory[counterLocal.index] = true
        case .elements(let variable, let sequence):
            let sequenceType = checked ?? checkExpression(sequence, expected: nil)
            var element = TypeID.error
            switch model.types[sequenceType] {
            case .array(let type, _):
                element = type
            case .pointer(let pointee):
                if case .array(let type, _) = model.types[pointee] {
                    element = type
                } else {
                    error("E016", "`L x: ...` walks an array, found `\(describe(sequenceType))`", at: tree[sequence].span)
                }
            case .error:
                break
            default:
                error("E016", "`L x: ...` walks an array, found `\(describe(sequenceType))`", at: tree[sequence].span)
            }
            _ = declareLocal(variable, type: element, mutable: false)
        }
        _ = checkBlock(body, expected: nil, used: false)
        popScope()
        let context = loops.removeLast()
        return isForever && !context.hasBreak ? .never : .unit
    }

    private mutating func checkReturn(_ value: ExprID?, span: SourceSpan) {
        guard currentFunction != nil else {
            error("E022", "`R` can only be used inside a function", at: span)
            return
        }
        if let value {
            let type = checkExpression(value, expected: returnType == .unit ? nil : returnType)
            if returnType == .unit {
                if model.types.hasValue(type) {
                    error("E003", "type mismatch: this function returns nothing, found `\(describe(type))`", at: tree[value].span)
                }
            } else if !handlesOwnMismatch(value) || isAssignable(type, to: returnType) {
                _ = requireAssignable(type, to: returnType, at: tree[value].span)
            }
            if returnType != .unit { coerce(value, from: type, to: returnType) }
        } else if returnType != .unit, returnType != .error {
            error("E003", "type mismatch: expected a `\(describe(returnType))` value after `R`", at: span)
        }
    }
}

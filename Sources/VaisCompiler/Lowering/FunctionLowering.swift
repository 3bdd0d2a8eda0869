import VaisSyntax

/// Lowers one function body to LLVM IR text. Scalars are SSA values;
/// structs, enums and arrays are handled by address (an expression of such
/// a type yields a pointer to memory holding it) and copied with memcpy.
struct FunctionLowering {
    let module: IRModule
    let tree: SyntaxTree
    let model: SemanticModel
    let layout: TypeLayout
    let types: TypeTable

    let function: FunctionSymbol
    /// The function's text as UTF-8: the hot helpers (load, store, element
    /// addresses) write their pieces straight in, without building a String
    /// per instruction.
    private var body: [UInt8] = []
    private var allocas = ""
    private var nextTemp = 0
    private var nextLabel = 0
    var isTerminated = false
    var loopTargets: [(breakLabel: String, continueLabel: String)] = []
    var returnSlot: String?
    private var debugScope: Int?
    private var debugSuffix = ""

    init(module: IRModule, tree: SyntaxTree, function: FunctionSymbol) {
        self.module = module
        self.tree = tree
        self.model = module.model
        self.layout = module.layout
        self.types = module.model.types
        self.function = function
    }

    // MARK: Emission

    mutating func temp() -> String {
        nextTemp += 1
        return "%t\(nextTemp)"
    }

    mutating func label(_ hint: String) -> String {
        nextLabel += 1
        return "\(hint).\(nextLabel)"
    }

    /// Appends one instruction to the current block, opening an unreachable
    /// block first if the current one already ended.
    mutating func emit(_ instruction: String) {
        beginInstruction()
        write(instruction)
        endInstruction()
    }

    @inline(__always)
    mutating func write(_ text: String) {
        body.append(contentsOf: text.utf8)
    }

    /// Starts a line of the current block (opening an unreachable block if
    /// the current one already ended); `endInstruction` finishes it.
    @inline(__always)
    mutating func beginInstruction() {
        if isTerminated {
            startBlock(label("dead"))
        }
        write("  ")
    }

    @inline(__always)
    mutating func endInstruction() {
        if !debugSuffix.isEmpty { write(debugSuffix) }
        body.append(UInt8(ascii: "\n"))
    }

    mutating func emitTerminator(_ instruction: String) {
        emit(instruction)
        isTerminated = true
    }

    mutating func startBlock(_ name: String) {
        if !isTerminated {
            write("  br label %")
            write(name)
            endInstruction()
        }
        write(name)
        write(":\n")
        isTerminated = false
    }

    mutating func branch(to target: String) {
        if !isTerminated { emitTerminator("br label %\(target)") }
    }

    /// A stack slot in the entry block, so loops do not grow the stack.
    mutating func alloca(_ type: TypeID) -> String {
        let name = temp()
        allocas += "  \(name) = alloca \(layout.llvmType(type)), align \(layout.alignment(type))\n"
        return name
    }

    mutating func slot(for local: LocalID) -> String {
        if let existing = module.localSlots[local.index], !isRegister(local) { return existing }
        let name = "%v\(local.raw)"
        let type = model.locals[local.index].type
        allocas += "  \(name) = alloca \(layout.llvmType(type)), align \(layout.alignment(type))\n"
        module.localSlots[local.index] = name
        return name
    }

    mutating func bindParameter(_ local: LocalID, to pointer: String) {
        module.localSlots[local.index] = pointer
    }

    /// An immutable scalar whose address is never taken needs no stack
    /// slot: its SSA value stands for it.
    func isRegister(_ local: LocalID) -> Bool {
        !model.locals[local.index].isMutable && !model.localNeedsMemory[local.index] && !types.isAggregate(model.locals[local.index].type)
    }

    /// Gives a local its value: into its slot, or as its SSA value.
    mutating func define(_ local: LocalID, _ value: String) {
        if isRegister(local) {
            module.localSlots[local.index] = value
        } else {
            assign(model.locals[local.index].type, value, to: slot(for: local))
        }
    }

    /// Points later instructions at the source position of `span`.
    mutating func setLocation(_ span: SourceSpan) {
        guard let debug = module.debugInfo, let scope = debugScope else { return }
        let (line, column) = debug.lineAndColumn(span)
        debugSuffix = ", !dbg !\(debug.location(line: line, column: column, scope: scope))"
    }

    // MARK: Values in memory

    mutating func load(_ type: TypeID, from pointer: String) -> String {
        let value = temp()
        beginInstruction()
        write(value)
        write(" = load ")
        write(layout.llvmType(type))
        write(", ptr ")
        write(pointer)
        write(", align ")
        write(layout.alignmentText(type))
        endInstruction()
        return value
    }

    mutating func store(_ type: TypeID, _ value: String, to pointer: String) {
        beginInstruction()
        write("store ")
        write(layout.llvmType(type))
        write(" ")
        write(value)
        write(", ptr ")
        write(pointer)
        write(", align ")
        write(layout.alignmentText(type))
        endInstruction()
    }

    /// Copies a value of `type` into `pointer`: a store for scalars, a
    /// memcpy (memmove when the two may overlap) for aggregates.
    mutating func assign(_ type: TypeID, _ value: String, to pointer: String, mayOverlap: Bool = false) {
        if types.isAggregate(type) {
            let size = layout.size(type)
            guard size > 0, value != pointer else { return }
            let intrinsic = mayOverlap ? "llvm.memmove.p0.p0.i64" : "llvm.memcpy.p0.p0.i64"
            emit("call void @\(intrinsic)(ptr align \(layout.alignment(type)) \(pointer), ptr align \(layout.alignment(type)) \(value), i64 \(size), i1 false)")
        } else if model.types.hasValue(type) {
            store(type, value, to: pointer)
        }
    }

    /// A fresh copy of an aggregate value, for passing by value.
    mutating func copyAggregate(_ type: TypeID, _ pointer: String) -> String {
        let copy = alloca(type)
        assign(type, pointer, to: copy)
        return copy
    }

    // MARK: Function

    /// The LLVM parameter list: aggregate parameters are passed as a
    /// pointer to a copy the callee owns; an aggregate result is written
    /// through a leading pointer.
    static func signature(of function: FunctionSymbol, layout: TypeLayout, named: Bool) -> (result: String, parameters: [String]) {
        var parameters: [String] = []
        let aggregateResult = layout.model.types.isAggregate(function.result)
        if aggregateResult { parameters.append(named ? "ptr noalias %ret" : "ptr") }
        for (index, type) in function.parameters.enumerated() {
            let spelled = layout.model.types.isAggregate(type) ? "ptr" : layout.llvmType(type)
            parameters.append(named ? "\(spelled) %p\(index)" : spelled)
        }
        let result = aggregateResult ? "void" : layout.llvmType(function.result)
        return (result, parameters)
    }

    mutating func lower() -> String {
        guard let decl = function.declaration, let span = function.span else { return "" }
        let (result, parameters) = Self.signature(of: function, layout: layout, named: true)
        let symbol = module.definitionSymbol(function)
        var header = "define \(result) @\(symbol)(\(parameters.joined(separator: ", ")))"
        if let debug = module.debugInfo {
            let scope = debug.subprogram(name: function.name, linkageName: symbol, span: span)
            debugScope = scope
            header += " !dbg !\(scope)"
        }
        setLocation(span)
        if model.types.isAggregate(function.result) { returnSlot = "%ret" }
        if module.role == .hot, function.isHot { countCall() }
        bindParameters(decl)
        let value: String?
        switch decl.body {
        case .block(let block):
            value = lowerBlock(block)
        case .expression(let expr):
            value = lowerExpression(expr)
        case .external:
            return ""
        }
        if !isTerminated {
            emitReturn(value)
        }
        return header + " {\nentry:\n" + allocas + String(decoding: body, as: UTF8.self) + "}\n"
    }

    private mutating func bindParameters(_ decl: FunctionDecl) {
        var names: [Name] = []
        if let (_, span) = decl.selfParameter { names.append(Name("self", span)) }
        names += decl.parameters.map(\.name)
        for (index, name) in names.enumerated() {
            guard let local = model.bindings[name.span] else { continue }
            let type = model.locals[local.index].type
            if model.types.isAggregate(type) {
                bindParameter(local, to: "%p\(index)")
            } else if model.types.hasValue(type) {
                define(local, "%p\(index)")
            }
        }
    }

    /// Counts calls into this hot part and stamps the first one with the
    /// monotonic clock (clock_gettime, from libc), so a profile can say when
    /// a new version served its first call without any runtime linked in.
    private mutating func countCall() {
        let counter = "@" + HotSplit.callCounterSymbol
        let calls = load(.i64, from: counter)
        let next = temp()
        emit("\(next) = add i64 \(calls), 1")
        store(.i64, next, to: counter)
        let isFirst = temp()
        emit("\(isFirst) = icmp eq i64 \(calls), 0")
        let stamp = label("first.call")
        let body = label("body")
        emitTerminator("br i1 \(isFirst), label %\(stamp), label %\(body)")
        startBlock(stamp)
        emit("call i32 @clock_gettime(i32 1, ptr @\(HotSplit.firstCallTimeSymbol))")
        startBlock(body)
    }

    mutating func emitReturn(_ value: String?) {
        let result = function.result
        if let returnSlot {
            if let value { assign(result, value, to: returnSlot) }
            emitTerminator("ret void")
        } else if model.types.hasValue(result), let value {
            emitTerminator("ret \(layout.llvmType(result)) \(value)")
        } else if model.types.hasValue(result) {
            emitTerminator("unreachable")
        } else {
            emitTerminator("ret void")
        }
    }
}

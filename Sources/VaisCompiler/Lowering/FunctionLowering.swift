import VaisSyntax

/// Lowers one function body to LLVM IR text. Scalars are SSA values;
/// structs, enums and arrays are handled by address (an expression of such
/// a type yields a pointer to memory holding it) and copied with memcpy.
struct FunctionLowering {
    let module: IRModule
    // Borrowed from the module rather than copied, so starting a function
    // retains none of the model's arrays.
    var tree: SyntaxTree { _read { yield module.tree } }
    var model: SemanticModel { _read { yield module.model } }
    var types: TypeTable { _read { yield module.model.types } }
    var layout: TypeLayout { _read { yield module.layout } }

    let functionID: FunctionID
    var function: FunctionSymbol { _read { yield module.model.functions[functionID.index] } }
    /// Where each of the function's locals is, by its offset in
    /// `localRange`: its stack slot, the pointer an aggregate parameter came
    /// in, or (for a local kept in a register) its SSA value.
    private let localSlots: UnsafeMutablePointer<IRPiece?>
    private let localRange: Range<Int>
    /// The function's text as UTF-8; instructions write their pieces
    /// straight in (see `IRBuffer`), without building a String each.
    private let body: IRBuffer
    /// The entry block's stack slots, written ahead of `body`.
    let allocas: IRBuffer
    /// The bytes of the names and constants made for this function.
    let arena: IRArena
    let scratch: LoweringScratch
    private var nextTemp = 0
    private var nextLabel = 0
    var isTerminated = false
    var loopTargets: [(breakLabel: IRPiece, continueLabel: IRPiece)] = []
    var returnSlot: IRPiece?
    /// One flag per `D` statement, and where returns go while any is
    /// pending (see FunctionLowering+Defer).
    var deferFlags: [IRPiece] = []
    var deferExit: IRPiece?
    var deferredResult: IRPiece?
    /// The calls that jump back to `selfTailLoop` (see
    /// FunctionLowering+TailCalls), by expression index.
    var selfTailCalls: Set<Int> = []
    var selfTailLoop: IRPiece = ""
    private var debugScope: Int?
    private var debugSuffix: IRPiece = ""

    /// `scratch` holds what the function is written to; it is emptied
    /// here, so one serves function after function.
    init(module: IRModule, function id: FunctionID, scratch: LoweringScratch) {
        self.module = module
        functionID = id
        body = scratch.body
        allocas = scratch.allocas
        arena = scratch.arena
        self.scratch = scratch
        body.removeAll()
        allocas.removeAll()
        arena.removeAll()
        let locals = module.model.functionLocals
        localRange = id.index < locals.count ? locals[id.index] : 0..<0
        localSlots = scratch.places(count: localRange.count)
    }

    // MARK: Emission

    mutating func temp() -> IRPiece {
        nextTemp += 1
        return arena.temporary(nextTemp)
    }

    /// A fresh block label: `hint` (ending in a dot) and a number.
    mutating func label(_ hint: IRPiece) -> IRPiece {
        nextLabel += 1
        return arena.name(hint, nextLabel)
    }

    /// A non-negative integer in decimal.
    @inline(__always)
    func decimal(_ number: Int) -> IRPiece {
        arena.decimal(number)
    }

    /// Appends one instruction, written from its pieces, to the current
    /// block, opening an unreachable block first if the current one already
    /// ended.
    mutating func emit(_ p0: IRPiece, _ p1: IRPiece = "", _ p2: IRPiece = "", _ p3: IRPiece = "", _ p4: IRPiece = "",
                       _ p5: IRPiece = "", _ p6: IRPiece = "", _ p7: IRPiece = "", _ p8: IRPiece = "", _ p9: IRPiece = "",
                       _ p10: IRPiece = "", _ p11: IRPiece = "", _ p12: IRPiece = "", _ p13: IRPiece = "") {
        beginInstruction()
        body.append(p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13)
        endInstruction()
    }

    /// Appends pieces to the instruction begun by `beginInstruction`.
    @inline(__always)
    mutating func write(_ p0: IRPiece, _ p1: IRPiece = "", _ p2: IRPiece = "") {
        body.appendFew(p0, p1, p2)
    }

    /// Starts a line of the current block (opening an unreachable block if
    /// the current one already ended); `endInstruction` finishes it.
    @inline(__always)
    mutating func beginInstruction() {
        if isTerminated {
            startBlock(label("dead."))
        }
        body.appendIndent()
    }

    @inline(__always)
    mutating func endInstruction() {
        if !debugSuffix.isEmpty { write(debugSuffix) }
        body.append(byte: UInt8(ascii: "\n"))
    }

    mutating func emitTerminator(_ p0: IRPiece, _ p1: IRPiece = "", _ p2: IRPiece = "", _ p3: IRPiece = "", _ p4: IRPiece = "", _ p5: IRPiece = "") {
        emit(p0, p1, p2, p3, p4, p5)
        isTerminated = true
    }

    mutating func startBlock(_ name: IRPiece) {
        if !isTerminated {
            write("  br label %", name)
            endInstruction()
        }
        write(name, ":\n")
        isTerminated = false
    }

    mutating func branch(to target: IRPiece) {
        if !isTerminated { emitTerminator("br label %", target) }
    }

    /// A stack slot in the entry block, so loops do not grow the stack.
    mutating func alloca(_ type: TypeID) -> IRPiece {
        let name = temp()
        declareSlot(name, type)
        return name
    }

    mutating func slot(for local: LocalID) -> IRPiece {
        if let existing = place(of: local), !isRegister(local) { return existing }
        let name = arena.name("%v", Int(local.raw))
        declareSlot(name, model.locals[local.index].type)
        setPlace(of: local, name)
        return name
    }

    private mutating func declareSlot(_ name: IRPiece, _ type: TypeID) {
        allocas.append("  ", name, " = alloca ", layout.spelling(type), ", align ", layout.alignmentSpelling(type), "\n")
    }

    mutating func bindParameter(_ local: LocalID, to pointer: IRPiece) {
        setPlace(of: local, pointer)
    }

    /// The local a name written at `span` introduces in this function. Read
    /// from the module directly: through `model` the whole model was
    /// copied at each binding. Inlined, as `isRegister` is: a call from a
    /// mutating method hands the callee a copy of this lowering.
    @inline(__always)
    func local(boundAt span: SourceSpan) -> LocalID? {
        module.model.local(boundAt: span, in: functionID)
    }

    /// Where a local of this function is, once it has been given a place.
    func place(of local: LocalID) -> IRPiece? {
        localRange.contains(local.index) ? localSlots[local.index - localRange.lowerBound] : nil
    }

    private mutating func setPlace(of local: LocalID, _ place: IRPiece) {
        guard localRange.contains(local.index) else { return }
        localSlots[local.index - localRange.lowerBound] = place
    }

    /// An immutable scalar whose address is never taken needs no stack
    /// slot: its SSA value stands for it.
    @inline(__always)
    func isRegister(_ local: LocalID) -> Bool {
        selfTailCalls.isEmpty && !model.locals[local.index].isMutable && !model.localNeedsMemory[local.index] && !types.isAggregate(model.locals[local.index].type)
    }

    /// Gives a local its value: into its slot, or as its SSA value.
    mutating func define(_ local: LocalID, _ value: IRPiece) {
        if isRegister(local) {
            setPlace(of: local, value)
        } else {
            assign(model.locals[local.index].type, value, to: slot(for: local))
        }
    }

    /// Points later instructions at the source position of `span`.
    mutating func setLocation(_ span: SourceSpan) {
        guard let debug = module.debugInfo, let scope = debugScope else { return }
        let (line, column) = debug.lineAndColumn(span)
        debugSuffix = arena.name(", !dbg !", debug.location(line: line, column: column, scope: scope))
    }

    // MARK: Values in memory

    mutating func load(_ type: TypeID, from pointer: IRPiece) -> IRPiece {
        let value = temp()
        emit(value, " = load ", layout.spelling(type), ", ptr ", pointer, ", align ", layout.alignmentSpelling(type))
        return value
    }

    mutating func store(_ type: TypeID, _ value: IRPiece, to pointer: IRPiece) {
        emit("store ", layout.spelling(type), " ", value, ", ptr ", pointer, ", align ", layout.alignmentSpelling(type))
    }

    /// Copies a value of `type` into `pointer`: a store for scalars, a
    /// memcpy (memmove when the two may overlap) for aggregates.
    mutating func assign(_ type: TypeID, _ value: IRPiece, to pointer: IRPiece, mayOverlap: Bool = false) {
        if types.isAggregate(type) {
            let size = layout.size(type)
            guard size > 0, value != pointer else { return }
            let intrinsic: IRPiece = mayOverlap ? "llvm.memmove.p0.p0.i64" : "llvm.memcpy.p0.p0.i64"
            let align = layout.alignmentSpelling(type)
            emit("call void @", intrinsic, "(ptr align ", align, " ", pointer, ", ptr align ", align, " ", value, ", i64 ", decimal(size), ", i1 false)")
        } else if model.types.hasValue(type) {
            store(type, value, to: pointer)
        }
    }

    /// A fresh copy of an aggregate value, for passing by value.
    mutating func copyAggregate(_ type: TypeID, _ pointer: IRPiece) -> IRPiece {
        let copy = alloca(type)
        assign(type, pointer, to: copy)
        return copy
    }

    // MARK: Function

    /// Appends the function's definition to `output`.
    mutating func lower(into output: IRBuffer) {
        guard let decl = function.declaration, let span = function.span else { return }
        let symbol = module.definitionSymbol(function)
        var debugAttachment: IRPiece = ""
        if let debug = module.debugInfo {
            let scope = debug.subprogram(name: function.name, linkageName: symbol, span: span)
            debugScope = scope
            debugAttachment = arena.name(" !dbg !", scope)
        }
        setLocation(span)
        if model.types.isAggregate(function.result) { returnSlot = "%ret" }
        if module.countsCalls, function.isHot { countCall() }
        findSelfTailCalls(decl)
        bindParameters(decl)
        bindCaptures()
        prepareDefers()
        startSelfTailLoop()
        let value: IRPiece?
        switch decl.body {
        case .block(let block):
            value = lowerBlock(block)
        case .expression(let expr):
            value = lowerExpression(expr)
        case .external:
            return
        }
        if !isTerminated {
            emitReturn(value)
        }
        emitDeferExit()
        output.append("define ", LLVMSignature.resultSpelling(function, layout: layout), " @", arena.copy(symbol), "(")
        LLVMSignature.writeDefinitionParameters(of: function, layout: layout, arena: arena, into: output)
        output.append(")", debugAttachment, " {\nentry:\n")
        output.append(allocas)
        output.append(body)
        output.append("}\n\n")
    }

    private mutating func bindParameters(_ decl: FunctionDecl) {
        // A closure's environment comes first, then `self`, then the rest.
        var index = model.hasEnvironment(functionID) ? 1 : 0
        if let (_, span) = decl.selfParameter {
            bindParameter(boundAt: span, index: index)
            index += 1
        }
        for parameter in decl.parameters {
            bindParameter(boundAt: parameter.name.span, index: index)
            index += 1
        }
    }

    /// Gives the parameter whose name is written at `span` the LLVM
    /// parameter at `index`.
    private mutating func bindParameter(boundAt span: SourceSpan, index: Int) {
        guard let local = local(boundAt: span) else { return }
        let type = model.locals[local.index].type
        if model.types.isAggregate(type) {
            bindParameter(local, to: IRText.parameter(index, arena: arena))
        } else if model.types.hasValue(type) {
            define(local, IRText.parameter(index, arena: arena))
        }
    }

    /// Counts calls into this hot part and stamps the first one with the
    /// monotonic clock (clock_gettime, from libc), so a profile can say when
    /// a new version served its first call without any runtime linked in.
    /// Threads may call at once: the count is one atomic add, and the stamp
    /// is one nanosecond count stored by a compare-and-swap from zero, so a
    /// reader never sees half of it and only the first call's time lands.
    private mutating func countCall() {
        let calls = temp()
        emit(calls, " = atomicrmw add ptr @", arena.copy(HotSplit.callCounterSymbol), ", i64 1 monotonic, align 8")
        let isFirst = temp()
        emit(isFirst, " = icmp eq i64 ", calls, ", 0")
        let stamp = label("first.call.")
        let body = label("body.")
        emitTerminator("br i1 ", isFirst, ", label %", stamp, ", label %", body)
        startBlock(stamp)
        let now = temp()
        allocas.append("  ", now, " = alloca { i64, i64 }, align 8\n")
        emit("call i32 @clock_gettime(i32 1, ptr ", now, ")")
        let seconds = temp()
        emit(seconds, " = load i64, ptr ", now, ", align 8")
        let field = temp()
        emit(field, " = getelementptr inbounds { i64, i64 }, ptr ", now, ", i32 0, i32 1")
        let nanoseconds = temp()
        emit(nanoseconds, " = load i64, ptr ", field, ", align 8")
        let scaled = temp()
        emit(scaled, " = mul i64 ", seconds, ", 1000000000")
        let time = temp()
        emit(time, " = add i64 ", scaled, ", ", nanoseconds)
        emit(temp(), " = cmpxchg ptr @", arena.copy(HotSplit.firstCallTimeSymbol), ", i64 0, i64 ", time, " monotonic monotonic, align 8")
        startBlock(body)
    }

    mutating func emitReturn(_ value: IRPiece?) {
        if returnThroughDefers(value) { return }
        let result = function.result
        if let returnSlot {
            if let value { assign(result, value, to: returnSlot) }
            emitTerminator("ret void")
        } else if model.types.hasValue(result), let value {
            emitTerminator("ret ", layout.spelling(result), " ", value)
        } else if model.types.hasValue(result) {
            emitTerminator("unreachable")
        } else {
            emitTerminator("ret void")
        }
    }
}

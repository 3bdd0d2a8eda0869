import VaisSyntax

/// Module-level state shared by every function being lowered: string
/// constants, declarations and debug metadata. Apart from the debug
/// metadata it is fixed before lowering starts, so functions can be lowered
/// on several threads at once.
final class IRModule: @unchecked Sendable {
    let model: SemanticModel
    let tree: SyntaxTree
    let layout: TypeLayout
    let debugInfo: DebugInfoBuilder?
    /// Which part of a hot-reload split this module is, or nil for a
    /// whole program where hot functions are ordinary functions.
    let role: HotSplit.Role?
    /// Whether the hot functions of a hot part count their calls (`CompileOptions.profilingCounters`).
    let countsCalls: Bool
    /// Functions this hot part defines for itself (`HotPartLocals`).
    let locals: Set<FunctionID>
    private let localNames: Set<String>
    /// The spare slot of each function of this hot part that holds one
    /// (`HotPartSpares`), by name.
    private let spares: [String: Int]
    /// Every string literal the module's functions use, named in source
    /// order before lowering, so the names do not depend on which thread
    /// lowers what.
    private var strings: [[UInt8]: IRPiece] = [:]
    private var stringDefinitions: [String] = []
    /// The bytes of the string constants' names.
    private let names = IRArena()

    init(model: SemanticModel, tree: SyntaxTree, layout: TypeLayout, debugInfo: DebugInfoBuilder?, role: HotSplit.Role? = nil,
         countsCalls: Bool = false, locals: Set<FunctionID> = [], spares: [FunctionID: Int] = [:]) {
        self.model = model
        self.locals = locals
        localNames = Set(locals.map { model.functions[$0.index].name })
        self.spares = Dictionary(uniqueKeysWithValues: spares.map { (model.functions[$0.key.index].name, $0.value) })
        self.tree = tree
        self.role = role
        self.countsCalls = countsCalls && role == .hot
        self.layout = layout
        self.debugInfo = debugInfo
        // A split module defines only the strings of the functions it holds:
        // a hot part stays as small as its hot functions.
        let hotSpans = role == nil ? [] : model.functions.indices.filter { model.functions[$0].isHot || locals.contains(FunctionID(raw: Int32($0))) }
            .compactMap { model.functions[$0].declaration?.span }
        for node in tree.exprs {
            guard case .string(let bytes) = node.kind else { continue }
            if let role {
                let insideHot = hotSpans.contains { $0.file == node.span.file && $0.start <= node.span.start && node.span.end <= $0.end }
                guard insideHot == (role == .hot) else { continue }
            }
            defineString(tree[bytes])
        }
        // Globals, and so their initial values, live in the host.
        if role != .hot {
            for value in model.constantValues { defineStrings(in: value) }
        }
    }

    private func defineStrings(in value: ConstantValue) {
        switch value {
        case .string(let bytes): defineString(bytes)
        case .aggregate(let elements): elements.forEach(defineStrings)
        default: break
        }
    }

    private func defineString(_ bytes: [UInt8]) {
        guard strings[bytes] == nil else { return }
        let name = names.name("@.str.", strings.count)
        strings[bytes] = name
        stringDefinitions.append("\(name.text) = private unnamed_addr constant [\(bytes.count + 1) x i8] c\"\(IRText.cString(bytes))\", align 1")
    }

    /// The global holding a string literal; equal literals share one.
    func stringConstant(_ bytes: [UInt8]) -> IRPiece {
        guard let name = strings[bytes] else { preconditionFailure("a string literal was not collected before lowering") }
        return name
    }

    var stringSection: String { stringDefinitions.joined(separator: "\n") }

    /// How a call to `function` is made: directly, or (in a split program,
    /// for a hot function) through its slot.
    func callee(_ function: FunctionSymbol) -> Callee {
        if isLocal(function) { return .direct(HotPartLocals.symbol(function)) }
        if let spare = spares[function.name] { return .slot(HotSplit.spareSlotSymbol(spare)) }
        if role != nil, function.isHot { return .slot(HotSplit.slotSymbol(function)) }
        return .direct(function.symbol)
    }

    /// How a method is called: through its host stub, which a hot method's
    /// stub turns into a call through its slot; or, for a method added while
    /// the program runs, its copy in this part, or else its spare slot.
    func methodCallee(_ function: FunctionSymbol) -> Callee {
        if isLocal(function) { return .direct(HotPartLocals.symbol(function)) }
        return spares[function.name].map { .slot(HotSplit.spareSlotSymbol($0)) } ?? .direct(function.symbol)
    }

    /// The symbol a function value of `function` holds: always a host
    /// stub, never an address in a hot part, which a reload can unload
    /// while the value lives on.
    func valueSymbol(_ function: FunctionSymbol) -> String {
        spares[function.name].map(HotSplit.spareStubSymbol) ?? function.symbol
    }

    /// The global's symbol, without its `@`.
    enum Callee {
        case direct(String)
        case slot(String)
    }

    /// The symbol a function is defined under in this module: hot functions
    /// of a hot part get their own name, so the host keeps `vais.NAME` for
    /// the stub that dispatches through the slot.
    func definitionSymbol(_ function: FunctionSymbol) -> String {
        if isLocal(function) { return HotPartLocals.symbol(function) }
        return role == .hot && function.isHot ? HotSplit.hotSymbol(function) : function.symbol
    }

    private func isLocal(_ function: FunctionSymbol) -> Bool {
        localNames.contains(function.name)
    }

    /// A constant of `type` in LLVM syntax.
    func constant(_ value: ConstantValue, _ type: TypeID) -> String {
        switch (value, model.types[type]) {
        case (.zero, .pointer), (.zero, .str): return "null"
        case (.function(let symbol), _): return "{ ptr @" + symbol + ", ptr null }"
        case (.zero, .float(let bits)): return IRText.float(0, bits: bits)
        case (.zero, .bool): return "false"
        case (.zero, .integer): return "0"
        case (.zero, _): return "zeroinitializer"
        case (.integer(let v), .float(let bits)): return IRText.float(Double(v), bits: bits)
        case (.integer(let v), .pointer), (.integer(let v), .str):
            return v == 0 ? "null" : "inttoptr (i64 \(v) to ptr)"
        case (.integer(let v), .bool): return v != 0 ? "true" : "false"
        case (.integer(let v), _): return String(v)
        case (.float(let v), .float(let bits)): return IRText.float(v, bits: bits)
        case (.float(let v), _): return String(Int64(v))
        case (.bool(let v), _): return v ? "true" : "false"
        case (.string(let bytes), _): return stringConstant(bytes).text
        case (.aggregate(let elements), .structure(let id)):
            let fields = model.structs[id.index].fields
            let parts = zip(fields, elements).map { field, element in
                "\(layout.llvmType(field.type)) \(constant(element, field.type))"
            }
            return "{ " + parts.joined(separator: ", ") + " }"
        case (.aggregate(let elements), .array(let element, _)):
            let elementType = layout.llvmType(element)
            return "[" + elements.map { "\(elementType) \(constant($0, element))" }.joined(separator: ", ") + "]"
        case (.aggregate(let elements), .enumeration(let id)):
            let tag = elements.first?.integerValue ?? 0
            let words = layout.payloadWords(id)
            return words == 0 ? "{ i32 \(tag) }" : "{ i32 \(tag), [\(words) x i64] zeroinitializer }"
        case (.aggregate, _): return "zeroinitializer"
        }
    }
}

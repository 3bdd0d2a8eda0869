import VaisSyntax

/// Writes a checked program as textual LLVM IR: one module for a plain
/// build, or a host module and a hot module for hot reload.
public enum IREmitter {
    /// `threads` caps how many threads lower functions (nil: as many as
    /// pay off; see `ParallelLowering`).
    public static func emit(_ program: CheckedProgram, debugInfo: Bool, threads: Int? = nil) -> String {
        emitModule(program, layout: TypeLayout(model: program.model), debugInfo: debugInfo, role: nil, manifest: nil, threads: threads)
    }

    /// The two parts of a hot-reloadable program. With `bootstrapsRuntime`
    /// the host's C `main` first asks the hot runtime library to load the
    /// first hot part (for `vais-hot build --hot` executables).
    /// With `countsCalls` the hot part counts its calls (`CompileOptions.profilingCounters`).
    /// The host reserves `spareSlots` spare slots (`HotPartSpares`), which its manifest records.
    public static func emitSplit(_ program: CheckedProgram, debugInfo: Bool, bootstrapsRuntime: Bool = false, countsCalls: Bool = false,
                                 spareSlots: Int = HotSplit.defaultSpareSlots) -> SplitProgram {
        let layout = TypeLayout(model: program.model)
        let pool = SparePool.isAvailable ? spareSlots : 0
        let hot = emitHotPart(program, layout: layout, debugInfo: debugInfo, countsCalls: countsCalls, plan: HotPartPlan())
        // The pool is the host's: its manifest records it, the hot part's does not.
        let manifest = hot.manifest.withSpareCapacity(pool)
        return SplitProgram(
            host: emitModule(program, layout: layout, debugInfo: debugInfo, role: .host, manifest: manifest, bootstrapsRuntime: bootstrapsRuntime,
                             spareSlots: pool),
            hot: hot.ir,
            manifest: manifest,
            hotFunctions: hot.hotFunctions
        )
    }

    /// The hot part alone, as a reload needs it: the host part, usually most
    /// of the program, is built once at launch and not lowered again. With
    /// `only`, the part holds just the hot functions of those names (a
    /// partial reload); it reaches the others through their slots, as
    /// every hot part does. Its manifest still describes the whole program.
    public static func emitHotPart(_ program: CheckedProgram, debugInfo: Bool, countsCalls: Bool = false, only: Set<String>? = nil) -> HotPart {
        emitHotPart(program, layout: TypeLayout(model: program.model), debugInfo: debugInfo, countsCalls: countsCalls, only: only, plan: HotPartPlan())
    }

    /// The hot part of a reload, against `runningHost` (the running host's
    /// manifest, with the spares it has given out): functions new to that
    /// host that hot code calls live in the part (`HotPartLocals`), those
    /// whose address is taken get a spare slot (`HotPartSpares`), and the
    /// manifest says so. Fails when the spare pool is used up.
    public static func emitHotPart(_ program: CheckedProgram, debugInfo: Bool, countsCalls: Bool = false, only: Set<String>? = nil,
                                   against runningHost: ABIManifest) -> Result<HotPart, HotPartSpares.PoolExhausted> {
        HotPartPlan.make(for: program, runningHost: runningHost).map { plan in
            emitHotPart(program, layout: TypeLayout(model: program.model), debugInfo: debugInfo, countsCalls: countsCalls, only: only, plan: plan)
        }
    }

    private static func emitHotPart(_ program: CheckedProgram, layout: TypeLayout, debugInfo: Bool, countsCalls: Bool,
                                    only: Set<String>? = nil, plan: HotPartPlan) -> HotPart {
        let model = program.model
        let manifest = ABIManifestBuilder.manifest(of: program, layout: layout, locals: plan.locals, spares: plan.spares)
        let held = model.hotFunctions.filter { !plan.locals.contains($0) && (only?.contains(model.function($0).name) ?? true) }
        let hotFunctions = (held + plan.sparedLocals).map { id -> HotFunctionInfo in
            let function = model.function(id)
            let hotSymbol = plan.locals.contains(id) ? HotPartLocals.symbol(function) : HotSplit.hotSymbol(function)
            let slotSymbol = plan.spares[id].map(HotSplit.spareSlotSymbol) ?? HotSplit.slotSymbol(function)
            return HotFunctionInfo(name: function.name, hotSymbol: hotSymbol, slotSymbol: slotSymbol)
        }
        return HotPart(ir: emitModule(program, layout: layout, debugInfo: debugInfo, role: .hot, manifest: manifest, countsCalls: countsCalls,
                                      hotSubset: Set(held), plan: plan),
                       manifest: manifest, hotFunctions: hotFunctions)
    }

    /// `layout` is shared by the modules of one program: it is fixed once made.
    private static func emitModule(_ program: CheckedProgram, layout: TypeLayout, debugInfo: Bool, role: HotSplit.Role?, manifest: ABIManifest?,
                                   bootstrapsRuntime: Bool = false, threads: Int? = nil, countsCalls: Bool = false,
                                   hotSubset: Set<FunctionID> = [], plan: HotPartPlan = HotPartPlan(), spareSlots: Int = 0) -> String {
        let model = program.model
        let locals = plan.locals
        let debug = debugInfo ? DebugInfoBuilder(sources: program.sources, rootFile: program.rootFile) : nil
        let module = IRModule(model: model, tree: program.tree, layout: layout, debugInfo: debug, role: role, countsCalls: countsCalls, locals: locals,
                              spares: plan.spares)
        let rootPath = program.sources[program.rootFile].path
        // One buffer for the whole module, sized from the source so that it
        // never grows: the IR of a program is about eight times its source,
        // fifteen times for one heavy in generics. Only the pages written
        // cost memory.
        let sourceBytes = program.sources.files.reduce(0) { $0 + $1.bytes.count }
        let output = IRBuffer(capacity: 64 * 1024 + 16 * sourceBytes)
        output.append("; generated by vais-hot from ", rootPath, role.map { " (\($0) part)" } ?? "", "\n")
        output.append("source_filename = ", IRText.metadataString(rootPath), "\n\n")
        writeTypeDefinitions(model, layout: layout, into: output)
        output.append("\n")
        writeGlobalDefinitions(model, module: module, role: role, into: output)
        if role == .host { output.append(slotsAndStubs(model, layout: layout), SparePool.definition(spareSlots, model: model)) }
        if let manifest { output.append(manifestDefinition(manifest)) }
        output.append(externalDeclarations(model, layout: layout))
        if role == .hot {
            output.append(hostDeclarations(model, layout: layout), SparePool.declarations(plan.spares.values.sorted()))
            // A local in a spare slot is traced like a hot function: its slot can point at a trampoline.
            output.append(tracingTrampolines(module, functions: model.hotFunctions.filter(hotSubset.contains) + plan.sparedLocals))
        }
        if module.countsCalls {
            output.append("@\(HotSplit.callCounterSymbol) = global i64 0, align 8\n")
            output.append("@\(HotSplit.firstCallTimeSymbol) = global i64 0, align 8\n")
            output.append("declare i32 @clock_gettime(i32, ptr)\n\n")
        }
        let functions = model.functions.indices.filter { index in
            let function = model.functions[index]
            return function.kind == .vais && (role == nil || (role == .hot) == function.isHot)
        }.map { FunctionID(raw: Int32($0)) }.filter { role != .hot || hotSubset.contains($0) } + locals.sorted { $0.raw < $1.raw }
        ParallelLowering.lower(functions, module: module, threads: threads, into: output)
        // The module's string constants, named before lowering; LLVM takes globals defined after their uses.
        output.append(module.stringSection, "\n\n")
        if role != .hot, let main = model.mainFunction {
            output.append(mainWrapper(model.functions[main.index], bootstrapsRuntime: bootstrapsRuntime))
        }
        if let debug { output.append("\n", debug.moduleTrailer) }
        return output.text
    }

    /// Every struct's and enum's `type` line, written straight into the
    /// module's buffer from the layout's spellings: a program heavy in
    /// generics has a thousand.
    private static func writeTypeDefinitions(_ model: SemanticModel, layout: TypeLayout, into output: IRBuffer) {
        for (index, structure) in model.structs.enumerated() {
            writeName(of: model.types.existing(.structure(StructID(raw: Int32(index)))), prefix: "%S.", structure.name, layout: layout, into: output)
            output.append(" = type { ")
            for (position, field) in structure.fields.enumerated() {
                output.append(position == 0 ? "" : ", ", layout.spelling(field.type))
            }
            output.append(" }\n")
        }
        for index in model.enums.indices {
            let id = EnumID(raw: Int32(index))
            writeName(of: model.types.existing(.enumeration(id)), prefix: "%E.", model.enums[index].name, layout: layout, into: output)
            output.append(" = type ")
            output.append(layout.enumBody(id))
            output.append("\n")
        }
    }

    /// A struct's or enum's type name: its spelling, mangled once by the
    /// layout, or (for one no type was made of) mangled here.
    private static func writeName(of type: TypeID, prefix: String, _ name: String, layout: TypeLayout, into output: IRBuffer) {
        if type == .error {
            output.append(prefix, SymbolMangling.mangle(name))
        } else {
            output.append(layout.spelling(type))
        }
    }

    /// Globals live in the host (or the whole program); a hot part refers
    /// to them. Constants are copied into every part. Written as pieces:
    /// a program can have thousands.
    private static func writeGlobalDefinitions(_ model: SemanticModel, module: IRModule, role: HotSplit.Role?, into output: IRBuffer) {
        let layout = module.layout
        for (index, global) in model.globals.enumerated() where model.types.hasValue(global.type) {
            if role == .hot, !global.isConstant {
                output.append("@", global.symbol, " = external global ")
                output.append(layout.spelling(global.type), ", align ", layout.alignmentSpelling(global.type), "\n")
                continue
            }
            output.append("@", global.symbol, global.isConstant ? " = internal constant " : " = global ")
            output.append(layout.spelling(global.type), " ")
            output.append(module.constant(model.constantValues[index], global.type))
            output.append(", align ", layout.alignmentSpelling(global.type), "\n")
        }
    }

    /// One slot per hot function, and a stub under the function's own name
    /// that calls through the slot: taking a hot function's address (to
    /// pass it to `hot_loop`) then always reaches the newest version.
    private static func slotsAndStubs(_ model: SemanticModel, layout: TypeLayout) -> String {
        var text = ""
        for id in model.hotFunctions {
            let function = model.function(id)
            let slot = HotSplit.slotSymbol(function)
            text += "@\(slot) = global ptr null, align 8\n"
            let signature = LLVMSignature(function, layout: layout)
            let result = signature.result
            let call = "tail call \(result) (\(signature.typeList)) %target(\(signature.forwardedArguments))"
            text += "define \(result) @\(function.symbol)(\(signature.definitionParameters)) {\nentry:\n  %target = load ptr, ptr @\(slot), align 8\n"
            text += result == "void" ? "  \(call)\n  ret void\n}\n" : "  %value = \(call)\n  ret \(result) %value\n}\n"
        }
        return text
    }

    /// A typed trampoline per hot function: the compiler knows every
    /// signature, so arguments pass through untouched (integers, floats,
    /// pointers, aggregates by pointer) with no assembly. Tracing points a
    /// slot at it; with tracing off nothing calls it.
    private static func tracingTrampolines(_ module: IRModule, functions: [FunctionID]) -> String {
        let (model, layout) = (module.model, module.layout)
        let hooks = HotSplit.traceHooksSymbol
        var text = "@\(hooks) = global [2 x ptr] zeroinitializer, align 8\n"
        for id in functions {
            let function = model.function(id)
            let site = HotSplit.traceSiteSymbol(named: function.name)
            let signature = LLVMSignature(function, layout: layout)
            let result = signature.result
            let call = "call \(result) (\(signature.typeList)) @\(module.definitionSymbol(function))(\(signature.forwardedArguments))"
            text += "@\(site) = global [\(HotSplit.traceSiteBytes / 8) x i64] zeroinitializer, align 64\n"
            text += "define \(result) @\(HotSplit.traceSymbol(named: function.name))(\(signature.definitionParameters)) {\nentry:\n"
            text += "  %enter = load ptr, ptr @\(hooks), align 8\n"
            text += "  %token = call i64 %enter(ptr @\(site))\n"
            text += result == "void" ? "  \(call)\n" : "  %value = \(call)\n"
            text += "  %exitSlot = getelementptr inbounds [2 x ptr], ptr @\(hooks), i64 0, i64 1\n"
            text += "  %exit = load ptr, ptr %exitSlot, align 8\n"
            text += "  call void %exit(ptr @\(site), i64 %token)\n"
            text += result == "void" ? "  ret void\n}\n" : "  ret \(result) %value\n}\n"
        }
        return text + "\n"
    }

    /// The manifest as an ELF section the loader reads with libelf.
    private static func manifestDefinition(_ manifest: ABIManifest) -> String {
        let bytes = Array(manifest.text.utf8)
        return """
        @vais.abi.manifest = internal constant [\(bytes.count + 1) x i8] c"\(IRText.cString(bytes))", section "\(HotSplit.manifestSection)", align 1
        @llvm.used = appending global [1 x ptr] [ptr @vais.abi.manifest], section "llvm.metadata"

        """
    }

    /// The `printf` format `print_i64` prints with.
    static let integerFormat = "vais.format.i64"

    private static func externalDeclarations(_ model: SemanticModel, layout: TypeLayout) -> String {
        var text = """
        declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
        declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
        declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

        """
        for function in model.functions where function.kind != .vais && function.kind != .intrinsic {
            text += declaration(function, symbol: function.symbol, layout: layout)
        }
        // What a failed `!` prints its message with, and what `print_i64`
        // and `puts_ptr` call, unless the program declared them.
        for (symbol, signature) in [("dprintf", "i32 @dprintf(i32, ptr, ...)"), ("printf", "i32 @printf(ptr, ...)"), ("puts", "i32 @puts(ptr)")]
        where !model.functions.contains(where: { $0.symbol == symbol && $0.kind != .intrinsic }) {
            text += "declare \(signature)\n"
        }
        text += "@\(integerFormat) = private unnamed_addr constant [4 x i8] c\"%ld\\00\", align 1\n"
        return text + "\n"
    }

    /// What a hot part uses from the host: its functions, the stubs of hot
    /// functions (for their addresses) and the slots.
    private static func hostDeclarations(_ model: SemanticModel, layout: TypeLayout) -> String {
        var text = ""
        for function in model.functions where function.kind == .vais {
            text += declaration(function, symbol: function.symbol, layout: layout)
            if function.isHot { text += "@\(HotSplit.slotSymbol(function)) = external global ptr, align 8\n" }
        }
        return text + "\n"
    }

    private static func declaration(_ function: FunctionSymbol, symbol: String, layout: TypeLayout) -> String {
        let signature = LLVMSignature(function, layout: layout)
        let attributes = function.result == .never ? " noreturn" : ""
        return "declare \(signature.result) @\(symbol)(\(signature.typeList))\(attributes)\n"
    }

    /// The C entry point: calls the program's `main` and turns its value
    /// into the process exit code.
    private static func mainWrapper(_ main: FunctionSymbol, bootstrapsRuntime: Bool) -> String {
        let bootstrap = bootstrapsRuntime ? "  call void @vais_hot_bootstrap(ptr %argv)\n" : ""
        let declaration = bootstrapsRuntime ? "declare void @vais_hot_bootstrap(ptr)\n\n" : ""
        let call = main.result == .i64
            ? "  %result = call i64 @\(main.symbol)()\n  %code = trunc i64 %result to i32\n  ret i32 %code\n"
            : "  call void @\(main.symbol)()\n  ret i32 0\n"
        return declaration + "define i32 @main(i32 %argc, ptr %argv) {\nentry:\n" + bootstrap + call + "}\n\n"
    }
}

/// The host's pool of spare slots (`HotPartSpares`) in IR: per spare, a
/// slot and a stub that jumps through it. The stub is module-level
/// assembly, one `jmp *slot(%rip)`: it leaves every register and the stack
/// as the caller set them, so one stub serves a function of any signature
/// (LLVM's `musttail` needs the stub's parameters, result and ABI
/// attributes such as `sret` to match the callee's: a stub per signature).
/// A slot no function was given points at a trap that says which spare was
/// called and aborts, never at garbage.
enum SparePool {
    /// The stubs are x86-64 assembly; elsewhere a host has no spares, and
    /// an edit that would need one is refused as the pool used up.
    static var isAvailable: Bool {
        #if arch(x86_64)
        return true
        #else
        return false
        #endif
    }

    private static let trapSymbol = "vais.spare.unassigned"

    /// The slots, stubs and trap of a host with `count` spares.
    static func definition(_ count: Int, model: SemanticModel) -> String {
        guard count > 0 else { return "" }
        var lines = [".pushsection .text.vais.spare,\"ax\",@progbits"]
        for index in 0..<count {
            let stub = HotSplit.spareStubSymbol(index)
            lines += [".globl \(stub)", ".type \(stub),@function", ".p2align 3", "\(stub):", "jmpq *.Lvais.spare.slot.\(index)(%rip)",
                      ".size \(stub), .-\(stub)", ".Lvais.spare.trap.\(index):", "movl $\(index), %edi", "jmp \(trapSymbol)"]
        }
        lines += [".popsection", ".pushsection .data.vais.spare,\"aw\",@progbits", ".p2align 3"]
        for index in 0..<count {
            // The local label lets the stub read its slot without going
            // through the GOT, which a global symbol of a shared object needs.
            let slot = HotSplit.spareSlotSymbol(index)
            lines += [".globl \(slot)", ".type \(slot),@object", "\(slot):", ".Lvais.spare.slot.\(index):", ".quad .Lvais.spare.trap.\(index)",
                      ".size \(slot), 8"]
        }
        lines.append(".popsection")
        var text = lines.map { "module asm " + IRText.metadataString($0) + "\n" }.joined()
        let message = Array("vais-hot: spare slot %ld called before it was assigned\n".utf8)
        text += "@\(trapSymbol).message = private unnamed_addr constant [\(message.count + 1) x i8] c\"\(IRText.cString(message))\", align 1\n"
        if !model.functions.contains(where: { $0.symbol == "abort" && $0.kind != .intrinsic }) { text += "declare void @abort()\n" }
        // Hidden: the stubs jump to it directly, with no PLT.
        text += """
        define hidden void @\(trapSymbol)(i64 %spare) noreturn {
        entry:
          %ignored = call i32 (i32, ptr, ...) @dprintf(i32 2, ptr @\(trapSymbol).message, i64 %spare)
          call void @abort()
          unreachable
        }

        """
        return text
    }

    /// What a hot part refers to of the spares its functions hold: their
    /// stubs (for function values) and slots (for calls).
    static func declarations(_ indices: [Int]) -> String {
        indices.map { index in
            "declare void @\(HotSplit.spareStubSymbol(index))()\n@\(HotSplit.spareSlotSymbol(index)) = external global ptr, align 8\n"
        }.joined()
    }
}

import Foundation
import SystemProbes

/// The hot part through the toolchain's processes: `clang -c`, then
/// `ld.lld -shared`, each a process start-up. The fallback when LLVM 16's
/// library is unavailable, and what `VAIS_BACKEND=clang` asks for.
public struct ClangProcessBackend: HotPartBackend {
    public let toolchain: Toolchain

    public init(toolchain: Toolchain) {
        self.toolchain = toolchain
    }

    public var name: String { "clang and ld.lld processes" }

    public func buildSharedObject(irText: String, scratch: PrivateDirectory, to output: String, optimization: Int,
                                  debugInfo: Bool, host: String?) throws -> BackendTimings {
        let irName = (output as NSString).lastPathComponent + ".ll"
        try scratch.write(Array(irText.utf8), to: irName)
        defer { scratch.removeFile(irName) }
        let ir = try scratch.verifiedFile(irName)
        guard let linker = toolchain.linker else {
            let (_, codegen) = try MonotonicClock.measure {
                try toolchain.compile(ir: ir, to: output, kind: .sharedObject, optimization: optimization, debugInfo: debugInfo,
                                      extraArguments: host.map { [$0] } ?? [])
            }
            return BackendTimings(codegen: codegen, link: 0)
        }
        let object = output + ".o"
        defer { unlink(object) }
        let (_, codegen) = try MonotonicClock.measure {
            try toolchain.compileObject(ir: ir, to: object, optimization: optimization, debugInfo: debugInfo)
        }
        let (_, link) = try MonotonicClock.measure { try toolchain.link(object, to: output, host: host, linker: linker) }
        return BackendTimings(codegen: codegen, link: link)
    }
}

import Foundation
import SystemProbes

/// The hot part with no process started: LLVM 16's library emits the
/// object into memory, lld's library links it with the arguments `ld.lld`
/// gets (Toolchain.sharedObjectLinkArguments). The same triple, PIC,
/// optimisation level and debug info (with .debug_aranges) as the clang
/// path, so symbolization, crash attribution and the ABI manifest see the
/// same kind of object.
public struct InProcessBackend: HotPartBackend {
    let library: BackendLibrary
    /// For IR that LLVM 16 rejects but the toolchain's newer clang may
    /// accept: that build goes through the processes, with a notice.
    let fallback: ClangProcessBackend
    let notice: @Sendable (String) -> Void

    init(library: BackendLibrary, fallback: ClangProcessBackend, notice: @escaping @Sendable (String) -> Void) {
        self.library = library
        self.fallback = fallback
        self.notice = notice
    }

    public var name: String { "LLVM \(library.llvmVersion) and lld in process" }

    public func buildSharedObject(irText: String, scratch: PrivateDirectory, to output: String, optimization: Int,
                                  debugInfo: Bool, host: String?) throws -> BackendTimings {
        let start = MonotonicClock.now()
        let object: [UInt8]
        do {
            // Debug info is in the IR itself (the compiler emits it when asked);
            // the library always adds .debug_aranges to it, as clang -gdwarf-aranges.
            object = try library.emitObject(irText: irText, optimization: optimization)
        } catch let rejected as BackendLibrary.Rejected {
            notice("\(rejected.description.split(separator: "\n").first ?? ""); this version is compiled by \(fallback.name)")
            return try fallback.buildSharedObject(irText: irText, scratch: scratch, to: output, optimization: optimization,
                                                  debugInfo: debugInfo, host: host)
        }
        // lld reads its inputs from files; a hot part's object is tens of kilobytes.
        let objectName = (output as NSString).lastPathComponent + ".o"
        try scratch.write(object, to: objectName)
        defer { scratch.removeFile(objectName) }
        let codegen = MonotonicClock.now() - start
        let linkStart = MonotonicClock.now()
        // One thread: lld's pool of threads, started on every link in process,
        // costs several times the link of a small object (1 ms against 4-25 ms here).
        let arguments = ["--threads=1"] + Toolchain.sharedObjectLinkArguments(object: try scratch.verifiedFile(objectName), output: output,
                                                                                 host: host)
        do {
            if let forking = try library.link(arguments: arguments, timeout: fallback.toolchain.compileTimeout) { notice(forking) }
        } catch let stopped as BackendLibrary.TimedOut {
            if let replaced = stopped.notice { notice(replaced) }
            throw Toolchain.Failure.timedOut(path: "lld", seconds: stopped.seconds)
        } catch let rejected as BackendLibrary.Rejected {
            if let failure = Toolchain.Failure.outputNotWritten(rejected.description, expected: output) { throw failure }
            throw Toolchain.Failure.linkFailed(output: rejected.description)
        }
        return BackendTimings(codegen: codegen, link: MonotonicClock.now() - linkStart)
    }
}

/// What turns a hot part's IR into a shared object: LLVM and lld inside
/// this process (`InProcessBackend`), or clang and ld.lld as processes
/// (`ClangProcessBackend`). `HotPartBuilder` calls one; `build` executables
/// always go through clang.
public protocol HotPartBackend: Sendable {
    /// What a profile and a notice call it, such as "LLVM 16.0.6 in process".
    var name: String { get }

    /// Compiles `irText` to a position-independent object and links it to
    /// the shared object `output`, against the host part `host` when given
    /// (`Toolchain.sharedObjectLinkArguments`); files it needs on the way go
    /// in `scratch`.
    func buildSharedObject(irText: String, scratch: PrivateDirectory, to output: String, optimization: Int,
                           debugInfo: Bool, host: String?) throws -> BackendTimings
}

/// Nanoseconds of each step of a back end's build.
public struct BackendTimings: Sendable, Equatable {
    /// IR to an object file (or, for a toolchain without ld.lld beside
    /// clang, to the shared object in one clang run).
    public var codegen: UInt64
    public var link: UInt64

    public init(codegen: UInt64, link: UInt64) {
        self.codegen = codegen
        self.link = link
    }
}

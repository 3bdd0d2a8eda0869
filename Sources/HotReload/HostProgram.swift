import Foundation
import SystemProbes
import VaisCompiler

/// The loaded host part of a program: a shared object `vais-hot run` opened,
/// or the executable itself for a `build --hot` program.
public struct HostProgram: @unchecked Sendable {
    /// The `dlopen` handle; nil means the executable.
    public let handle: UnsafeMutableRawPointer?
    /// The shared object opened, which hot parts are linked against; nil
    /// means the executable, whose symbols are global.
    public let library: String?
    /// What the host was built against; new hot parts must match it.
    public let manifest: ABIManifest
    public let hotFunctions: [HotFunctionInfo]
    /// The host's `main` (when vais-hot calls it), and whether it returns a value.
    public let mainEntry: UnsafeMutableRawPointer?
    public let mainReturnsValue: Bool

    public enum Failure: Error, CustomStringConvertible {
        case cannotLoad(String)
        case noManifest(String)

        public var description: String {
            switch self {
            case .cannotLoad(let message): return "cannot load the host part: \(message)"
            case .noManifest(let path): return "\(path) carries no hot-reload manifest; build it with `vais-hot build --hot`"
            }
        }
    }

    /// Opens a host shared object with its symbols local. Hot parts are
    /// linked against it (they name it as needed), so the dynamic linker
    /// binds their references to its functions, globals and slots, and
    /// never to another host's of the same names in this process (tests
    /// host several programs at once, and every host has the same spares).
    public static func load(_ path: String, manifest: ABIManifest, hotFunctions: [HotFunctionInfo]) throws -> HostProgram {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw Failure.cannotLoad(dlerror().map { String(cString: $0) } ?? "unknown error")
        }
        return HostProgram(handle: handle, library: path, manifest: manifest, hotFunctions: hotFunctions, mainEntry: dlsym(handle, "vais.main"),
                           mainReturnsValue: manifest.entries["function main"]?.hasSuffix("-> i64") ?? false)
    }

    /// The running executable as host: its manifest is read from its own
    /// ELF file.
    public static func executable() throws -> HostProgram {
        let path = "/proc/self/exe"
        let inspector = try ELFInspector(path: path, reading: [HotSplit.manifestSection])
        guard let manifest = inspector.manifest else { throw Failure.noManifest(path) }
        return HostProgram(handle: nil, library: nil, manifest: manifest, hotFunctions: manifest.hotFunctions, mainEntry: nil, mainReturnsValue: false)
    }

    func close() {
        if let handle { dlclose(handle) }
    }
}

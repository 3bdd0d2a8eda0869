import Foundation
import Profiling

/// The clang that turns our LLVM IR into native code: `VAIS_CLANG` if set,
/// otherwise the clang beside the Swift toolchain this program runs on
/// (clang and lld ship in the same bin folder as `swift`), never a guess at
/// a system clang.
public struct Toolchain: Sendable {
    public let clang: String

    public enum OutputKind: Sendable {
        case executable
        case sharedObject
    }

    public enum Failure: Error, CustomStringConvertible {
        case clangNotFound(searched: [String])
        /// clang rejected IR that the compiler accepted: a compiler bug.
        case clangFailed(arguments: [String], output: String)
        /// The code compiled but did not link, for example a C function
        /// that was declared but that no library provides.
        case linkFailed(output: String)

        public var description: String {
            switch self {
            case .clangNotFound(let searched):
                return "cannot find clang; looked at \(searched.joined(separator: ", ")). Set VAIS_CLANG to the clang of your Swift toolchain."
            case .clangFailed(let arguments, let output):
                return "internal compiler error: clang rejected the generated code. Please report it with the source.\n  clang \(arguments.joined(separator: " "))\n\(output)"
            case .linkFailed(let output):
                let hint = output.contains("hot_") ? "\n(the hot_* functions of std/hot are provided when the program runs under `vais-hot run` or is built with `vais-hot build --hot`)" : ""
                return "linking failed:\n\(output)\(hint)"
            }
        }
    }

    /// The Swift runtime libraries of the same toolchain, which a program
    /// linked with the hot runtime library needs at run time.
    public var swiftRuntimeLibraries: String {
        URL(fileURLWithPath: clang).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/swift/linux").path
    }

    public init(clang: String) {
        self.clang = clang
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        var searched: [String] = []
        if let configured = environment["VAIS_CLANG"], !configured.isEmpty {
            if FileManager.default.isExecutableFile(atPath: configured) { return Toolchain(clang: configured) }
            searched.append(configured)
        }
        for directory in toolchainBinDirectories(environment: environment) {
            let candidate = (directory as NSString).appendingPathComponent("clang")
            if FileManager.default.isExecutableFile(atPath: candidate) { return Toolchain(clang: candidate) }
            searched.append(candidate)
        }
        throw Failure.clangNotFound(searched: searched)
    }

    /// Where the Swift toolchain's `bin` folder is: found from the Swift
    /// runtime library this process loaded, then from `swift` on PATH.
    private static func toolchainBinDirectories(environment: [String: String]) -> [String] {
        var directories: [String] = []
        if let runtime = ProcFile.mappedPaths().first(where: { $0.hasSuffix("/libswiftCore.so") }) {
            // <toolchain>/usr/lib/swift/linux/libswiftCore.so -> <toolchain>/usr/bin
            let library = URL(fileURLWithPath: runtime).resolvingSymlinksInPath()
            directories.append(library.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bin").path)
        }
        for entry in (environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(entry)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: swift.path) {
                directories.append(swift.resolvingSymlinksInPath().deletingLastPathComponent().path)
            }
        }
        return directories
    }

    /// Compiles an IR file to an executable or a shared object.
    @discardableResult
    public func compile(ir: String, to output: String, kind: OutputKind, optimization: Int = 0, debugInfo: Bool = false,
                        extraArguments: [String] = []) throws -> ProcessRunner.Outcome {
        var arguments = ["-x", "ir", ir, "-o", output, "-O\(optimization)", "-fuse-ld=lld", "-Wno-override-module"]
        // .debug_aranges lets libdw (elfutils before 0.189) find the
        // compile unit of an address.
        if debugInfo { arguments += ["-g", "-gdwarf-aranges"] }
        if kind == .sharedObject { arguments += ["-shared", "-fPIC"] }
        arguments += extraArguments
        let outcome = try ProcessRunner.run(clang, arguments)
        guard outcome.succeeded else {
            if outcome.output.contains("ld.lld: error") { throw Failure.linkFailed(output: outcome.output) }
            throw Failure.clangFailed(arguments: arguments, output: outcome.output)
        }
        return outcome
    }
}

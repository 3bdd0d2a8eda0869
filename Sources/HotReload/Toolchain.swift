import Foundation
import SystemProbes

/// The clang that turns our LLVM IR into native code: `VAIS_CLANG` if set,
/// otherwise the clang beside the Swift toolchain this program runs on
/// (clang and lld ship in the same bin folder as `swift`), never a guess at
/// a system clang. Each clang or lld run is stopped, with every process it
/// started, after `compileTimeout` seconds (`VAIS_COMPILE_TIMEOUT`).
public struct Toolchain: Sendable {
    public let clang: String
    public let compileTimeout: Double
    /// libVaisProgramRuntime.a, which executables and host parts are linked
    /// with (nil: without it).
    public let programRuntime: String?
    /// Generous for a 20,000-line program at -O2 on a slow machine, which
    /// takes seconds; a hung clang is stopped all the same.
    public static let defaultCompileTimeout: Double = 120

    public enum OutputKind: Sendable {
        case executable
        /// A hot part, or any shared object on its own.
        case sharedObject
        /// The shared object holding a program's `main` that vais-hot loads:
        /// linked with the program runtime, as an executable is.
        case hostPart
    }

    /// The Swift runtime libraries of the same toolchain, which a program
    /// linked with the hot runtime library needs at run time.
    public var swiftRuntimeLibraries: String {
        URL(fileURLWithPath: clang).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/swift/linux").path
    }

    public init(clang: String, compileTimeout: Double = Toolchain.defaultCompileTimeout, programRuntime: String? = nil) {
        self.clang = clang
        self.compileTimeout = compileTimeout
        self.programRuntime = programRuntime
    }

    /// `VAIS_CLANG` when set (it must name an executable), else the clang
    /// of the running Swift toolchain.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        let timeout = try compileTimeout(environment: environment)
        if let configured = environment["VAIS_CLANG"], !configured.isEmpty {
            guard access(configured, X_OK) == 0 else { throw Failure.configuredClangUnusable(path: configured, errno: errno) }
            return Toolchain(clang: configured, compileTimeout: timeout, programRuntime: ProgramRuntimeLibrary.path())
        }
        var searched: [String] = []
        for directory in toolchainBinDirectories(environment: environment) {
            let candidate = (directory as NSString).appendingPathComponent("clang")
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return Toolchain(clang: candidate, compileTimeout: timeout, programRuntime: ProgramRuntimeLibrary.path())
            }
            searched.append(candidate)
        }
        throw Failure.clangNotFound(searched: searched)
    }

    private static func compileTimeout(environment: [String: String]) throws -> Double {
        guard let text = environment["VAIS_COMPILE_TIMEOUT"], !text.isEmpty else { return defaultCompileTimeout }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else { throw Failure.invalidTimeout(text) }
        return seconds
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
        let runtime = kind == .sharedObject ? nil : programRuntime
        if kind != .executable, extraArguments.isEmpty, let linker {
            return try compileSharedObject(ir: ir, to: output, optimization: optimization, debugInfo: debugInfo, wholeArchive: runtime,
                                           linker: linker)
        }
        var arguments = ["-x", "ir", ir, "-o", output, "-O\(optimization)", "-fuse-ld=lld", "-Wno-override-module"]
        arguments += codeArguments(debugInfo: debugInfo)
        if kind != .executable { arguments += ["-shared", "-fPIC"] }
        // `-x none`: what follows `-x ir` (the archive, a host to link against) is not IR.
        if runtime != nil || !extraArguments.isEmpty { arguments += ["-x", "none"] }
        if let runtime { arguments += ProgramRuntimeLibrary.wholeArchiveArguments(runtime).map { $0.hasPrefix("-") ? "-Wl,\($0)" : $0 } }
        arguments += extraArguments
        // The C math library, which std/math declares, comes after the objects that need it.
        if kind == .executable { arguments.append("-lm") }
        let outcome = try run(clang, arguments, producing: output)
        guard outcome.succeeded else {
            if outcome.output.contains("ld.lld: error") { throw Failure.linkFailed(output: outcome.output) }
            throw Failure.clangFailed(arguments: arguments, output: outcome.output)
        }
        return outcome
    }

    /// Writes `ir` into `scratch` (atomically, never through a link),
    /// compiles it to `output`, and removes the IR file.
    @discardableResult
    public func compile(irText ir: String, scratch: PrivateDirectory, to output: String, kind: OutputKind, optimization: Int = 0,
                        debugInfo: Bool = false, extraArguments: [String] = []) throws -> ProcessRunner.Outcome {
        let irName = (output as NSString).lastPathComponent + ".ll"
        try scratch.write(Array(ir.utf8), to: irName)
        defer { scratch.removeFile(irName) }
        return try compile(ir: try scratch.verifiedFile(irName), to: output, kind: kind, optimization: optimization, debugInfo: debugInfo,
                           extraArguments: extraArguments)
    }

    /// .debug_aranges lets libdw (elfutils before 0.189) find the compile
    /// unit of an address.
    private func codeArguments(debugInfo: Bool) -> [String] {
        debugInfo ? ["-g", "-gdwarf-aranges"] : []
    }

    /// lld, beside clang.
    var linker: String? {
        let candidate = URL(fileURLWithPath: clang).deletingLastPathComponent().appendingPathComponent("ld.lld").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// A hot part (or any plain shared object) in two steps: clang to an
    /// object file, then lld itself. Through the clang driver the link costs
    /// a second clang start-up and a search of the C runtime's start files a
    /// hot part does not need: about a quarter of every reload's build.
    private func compileSharedObject(ir: String, to output: String, optimization: Int, debugInfo: Bool, wholeArchive: String?,
                                     linker: String) throws -> ProcessRunner.Outcome {
        let object = output + ".o"
        defer { unlink(object) }
        try compileObject(ir: ir, to: object, optimization: optimization, debugInfo: debugInfo)
        return try link(object, to: output, wholeArchive: wholeArchive, linker: linker)
    }

    /// `clang -c`: an IR file to a position-independent object file.
    func compileObject(ir: String, to object: String, optimization: Int, debugInfo: Bool) throws {
        let arguments = ["-x", "ir", ir, "-c", "-o", object, "-O\(optimization)", "-fPIC", "-Wno-override-module"]
            + codeArguments(debugInfo: debugInfo)
        let compiled = try run(clang, arguments, producing: object)
        guard compiled.succeeded else { throw Failure.clangFailed(arguments: arguments, output: compiled.output) }
    }

    /// `ld.lld -shared` of one object, and every member of `wholeArchive`;
    /// against `host` when given (see `sharedObjectLinkArguments`).
    @discardableResult
    func link(_ object: String, to output: String, wholeArchive: String? = nil, host: String? = nil, linker: String) throws -> ProcessRunner.Outcome {
        let linked = try run(linker, Self.sharedObjectLinkArguments(object: object, output: output, wholeArchive: wholeArchive, host: host),
                             producing: output)
        guard linked.succeeded else { throw Failure.linkFailed(output: linked.output) }
        return linked
    }

    /// What lld is asked to link a hot part with, as a process or as a
    /// library. No -m: lld takes the target from the object file. The
    /// object links against the C library this process runs with, the one
    /// that will resolve its calls. Linked against `host` (the host part
    /// `vais-hot run` loaded), a hot part names it as needed, so the dynamic
    /// linker binds the part's references to that host and no other: the
    /// host is loaded with its symbols local.
    static func sharedObjectLinkArguments(object: String, output: String, wholeArchive: String? = nil, host: String? = nil) -> [String] {
        ["--hash-style=gnu", "--eh-frame-hdr", "-shared", "-o", output, object] + (host.map { [$0] } ?? [])
            + (wholeArchive.map(ProgramRuntimeLibrary.wholeArchiveArguments) ?? []) + (processCLibrary.map { [$0] } ?? [])
    }

    /// Runs one tool under the time limit. A tool that cannot start, runs
    /// too long, dies of a signal or claims success without its output is
    /// reported as a broken toolchain, not as a compiler bug.
    private func run(_ tool: String, _ arguments: [String], producing output: String) throws -> ProcessRunner.Outcome {
        let outcome: ProcessRunner.Outcome
        do {
            outcome = try ProcessRunner.run(tool, arguments, timeout: compileTimeout)
        } catch ProcessRunner.Failure.spawnFailed(let executable, let code) {
            throw Failure.cannotRun(path: executable, errno: code)
        } catch ProcessRunner.Failure.timedOut(let executable, let seconds) {
            throw Failure.timedOut(path: executable, seconds: seconds)
        }
        if let signal = outcome.signal { throw Failure.killed(path: tool, signal: signal, output: outcome.output) }
        if outcome.succeeded, access(output, F_OK) != 0 { throw Failure.noOutput(path: tool, expected: output, output: outcome.output) }
        if !outcome.succeeded, let failure = Failure.outputNotWritten(outcome.output, expected: output) { throw failure }
        if !outcome.succeeded, !outcome.output.contains("error:") {
            throw Failure.failedWithoutDiagnostic(path: tool, status: outcome.exitStatus, output: outcome.output)
        }
        return outcome
    }

    /// The `libc.so.6` mapped into this process.
    private static let processCLibrary: String? = ProcFile.mappedPaths().first { $0.hasSuffix("/libc.so.6") }
}

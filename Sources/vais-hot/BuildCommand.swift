import ArgumentParser
import Foundation
import HotReload
import VaisCompiler

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile a program to a native executable (or to LLVM IR with --emit-llvm)."
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the result (default: the file's name, without .vais, in the current folder).")
    var output: String?

    @OptionGroup var optimization: OptimizationOption

    @Flag(name: .customShort("g"), help: "Emit DWARF line tables, so debuggers map code to file.vais:line.")
    var debugInfo = false

    @Flag(name: .customLong("emit-llvm"), help: "Write the LLVM IR instead of an executable.")
    var emitLLVM = false

    @Flag(name: .customLong("hot"), help: "Write an executable and libNAME.so that reload on their own when the program calls hot_init.")
    var hot = false

    @OptionGroup var source: SourceOptions

    var stem: String { ((file as NSString).lastPathComponent as NSString).deletingPathExtension }

    func validate() throws {
        if hot, emitLLVM { throw ValidationError("--hot and --emit-llvm do not go together") }
    }

    /// The executable (host part) and libNAME.so (first hot part) beside it.
    private func buildHot() throws {
        let executable = output ?? stem
        let folder = (URL(fileURLWithPath: executable).standardizedFileURL.deletingLastPathComponent().path)
        let toolchain = try Toolchain.locate()
        // `build` writes files to ship: clang builds them, in-process LLVM only reloads.
        let builder = HotPartBuilder(settings: .init(sourcePath: file, compileOptions: source.compileOptions(for: file, debugInfo: debugInfo),
                                                     optimization: optimization.level),
                                     toolchain: toolchain, backend: ClangProcessBackend(toolchain: toolchain))
        let name = (executable as NSString).lastPathComponent
        let library = (folder as NSString).appendingPathComponent("lib\(name).so")
        let scratch = try PrivateDirectory(parent: NSTemporaryDirectory(), name: "vais-hot-\(stem)")
        defer { scratch.remove() }
        switch builder.build(hotPartTo: library, scratch: scratch, bootstrapsRuntime: true) {
        case .failure(let failure):
            Terminal.error(failure.description)
            throw ExitCode(1)
        case .success(let build):
            do {
                try builder.compileHost(of: build, to: executable, scratch: scratch, kind: .executable,
                                        linkArguments: try RuntimeLibrary.linkArguments(toolchain: builder.toolchain))
            } catch {
                Terminal.error("error: \(FileFailure.oneLine(error))")
                throw ExitCode(1)
            }
        }
    }

    func run() throws {
        // Ctrl-C, SIGTERM or SIGHUP: remove the scratch directory, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        if hot { return try buildHot() }
        let result = Compiler.compile(path: file, options: source.compileOptions(for: file, debugInfo: debugInfo))
        if !result.diagnostics.isEmpty {
            Terminal.error(result.renderedDiagnostics(color: Terminal.stderrIsTerminal))
        }
        guard let ir = result.ir else { throw ExitCode(1) }
        if emitLLVM {
            let path = output ?? stem + ".ll"
            // Written in place, as clang -o writes: a temporary file renamed over `path` would replace a device such as /dev/stdout.
            try FileFailure.attempt("write", path) { try ir.write(toFile: path, atomically: false, encoding: .utf8) }
            return
        }
        let toolchain = try Toolchain.locate()
        let scratch = try PrivateDirectory(parent: NSTemporaryDirectory(), name: "vais-hot-\(stem)")
        defer { scratch.remove() }
        do {
            try toolchain.compile(irText: ir, scratch: scratch, to: output ?? stem, kind: .executable,
                                  optimization: optimization.level, debugInfo: debugInfo)
        } catch {
            Terminal.error("error: \(FileFailure.oneLine(error))")
            throw ExitCode(1)
        }
    }
}

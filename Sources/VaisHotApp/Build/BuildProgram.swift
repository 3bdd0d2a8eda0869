import Foundation
import HotReload
import VaisCompiler

/// `vais-hot build`: a native executable, the LLVM IR, or (`--hot`) an
/// executable and libNAME.so beside it that reload on their own.
public enum BuildProgram {
    public enum Output: Sendable {
        case executable
        case ir
        case hot
    }

    /// Builds `recipe` to `output`; diagnostics go to stderr.
    public static func run(_ recipe: BuildRecipe, as kind: Output, to output: String) throws {
        // Ctrl-C, SIGTERM or SIGHUP: remove the scratch directory, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        if kind == .hot { return try buildHot(recipe, to: output) }
        let result = Compiler.compile(path: recipe.sourcePath, options: recipe.compileOptions)
        if !result.diagnostics.isEmpty {
            Terminal.error(result.renderedDiagnostics(color: Terminal.stderrIsTerminal))
        }
        guard let ir = result.ir else { throw CommandExit(nil) }
        if kind == .ir {
            // Written in place, as clang -o writes: a temporary file renamed over `output` would replace a device such as /dev/stdout.
            try FileFailure.attempt("write", output) { try ir.write(toFile: output, atomically: false, encoding: .utf8) }
            return
        }
        let toolchain = try Toolchain.locate()
        let scratch = try PrivateDirectory(parent: NSTemporaryDirectory(), name: "vais-hot-\(recipe.programName)")
        defer { scratch.remove() }
        do {
            try toolchain.compile(irText: ir, scratch: scratch, to: output, kind: .executable,
                                  optimization: recipe.optimization, debugInfo: recipe.compileOptions.debugInfo)
        } catch {
            throw CommandExit("error: \(FileFailure.oneLine(error))")
        }
    }

    /// The executable (host part) and libNAME.so (first hot part) beside it.
    private static func buildHot(_ recipe: BuildRecipe, to executable: String) throws {
        let folder = URL(fileURLWithPath: executable).standardizedFileURL.deletingLastPathComponent().path
        let toolchain = try Toolchain.locate()
        // `build` writes files to ship: clang builds them, in-process LLVM only reloads.
        let builder = HotPartBuilder(recipe: recipe, toolchain: toolchain, backend: ClangProcessBackend(toolchain: toolchain))
        let name = (executable as NSString).lastPathComponent
        let library = (folder as NSString).appendingPathComponent("lib\(name).so")
        let scratch = try PrivateDirectory(parent: NSTemporaryDirectory(), name: "vais-hot-\(recipe.programName)")
        defer { scratch.remove() }
        switch builder.build(hotPartTo: library, scratch: scratch, bootstrapsRuntime: true) {
        case .failure(let failure):
            throw CommandExit(failure.description)
        case .success(let build):
            do {
                try builder.compileHost(of: build, to: executable, scratch: scratch, kind: .executable,
                                        linkArguments: try RuntimeLibrary.linkArguments(toolchain: builder.toolchain))
            } catch {
                throw CommandExit("error: \(FileFailure.oneLine(error))")
            }
        }
    }
}

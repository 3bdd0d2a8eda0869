import Foundation
import HotReload
import Testing
import TestSupport
import VaisCompiler

/// Builds a Vais program to a native executable and runs it, for tests.
enum ProgramRunner {
    struct Run {
        let stdout: String
        let exitCode: Int32
        /// What clang printed while building; empty when the IR is clean.
        let clangOutput: String
    }

    static func buildAndRun(_ path: String, in scratch: ScratchDirectory, debugInfo: Bool = false) throws -> Run {
        let result = Compiler.compile(path: path, options: CompileOptions(debugInfo: debugInfo, standardLibrary: Repository.standardLibrary))
        guard let ir = result.ir else {
            Issue.record("\(path) did not compile:\n\(result.renderedDiagnostics())")
            throw CompileFailure()
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let irPath = scratch.path(name + ".ll")
        let executable = scratch.path(name)
        try ir.write(toFile: irPath, atomically: false, encoding: .utf8)
        let build = try Toolchain.locate().compile(ir: irPath, to: executable, kind: .executable, debugInfo: debugInfo)
        let run = try ProcessRunner.run(executable, [], standardError: .discard)
        return Run(stdout: run.output, exitCode: run.exitStatus, clangOutput: build.output)
    }

    struct CompileFailure: Error {}
}

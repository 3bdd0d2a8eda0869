import Foundation
import Testing
import TestSupport
import VaisCompiler
@testable import HotReload

/// The IR vais-hot emits must stay valid for both back ends: LLVM 16 (the
/// library hot parts are built with) and the toolchain's clang (`build`,
/// and the fallback). Every example and every program of the run corpus,
/// whole and as the hot part it reloads, goes through both.
@Suite("IR for LLVM 16 and clang")
struct BackendIRTests {
    static let programs = ["examples/game.vais", "examples/hot_reload_simple.vais", "examples/hot_reload_advanced.vais"]
        + Repository.vaisFiles(in: "run").map { "Tests/Corpus/run/\($0)" }

    @Test("LLVM 16 in process and clang both compile the program's IR (and its hot part's) to an object",
          .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"), .timeLimit(.minutes(10)), arguments: programs)
    func compiles(_ program: String) async throws {
        let path = Repository.root.appendingPathComponent(program).path
        let options = CompileOptions(debugInfo: true, standardLibrary: Repository.standardLibrary)
        let result = Compiler.compile(path: path, options: options)
        let checked = try #require(result.program, "\(result.renderedDiagnostics())")
        var units = [("whole program", try #require(result.ir))]
        if !checked.model.hotFunctions.isEmpty {
            units.append(("hot part", IREmitter.emitHotPart(checked, debugInfo: true).ir))
        }
        let scratch = try ScratchDirectory("backend-ir")
        let toolchain = try Toolchain.locate()
        let library = try BackendLibrary.shared.get()
        // Code generation and clang processes: off the test threads.
        let folder = scratch.url.path
        let failures = try await offPool { [units] in
            var failures: [String] = []
            for (label, ir) in units {
                // Examples are what users run with -O2 too; the corpus is checked at -O0, as reloads build.
                for optimization in program.hasPrefix("examples/") ? [0, 2] : [0] {
                    do { _ = try library.emitObject(irText: ir, optimization: optimization) } catch {
                        failures.append("LLVM 16, \(label), -O\(optimization): \(error)")
                    }
                }
                let irFile = folder + "/\(label == "hot part" ? "hot" : "whole").ll"
                try ir.write(toFile: irFile, atomically: false, encoding: .utf8)
                do { try toolchain.compileObject(ir: irFile, to: folder + "/out.o", optimization: 0, debugInfo: true) } catch {
                    failures.append("clang, \(label): \(error)")
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        withExtendedLifetime(scratch) {}
    }
}

// Compile-time benchmarks on synthetic programs from VaisWorkloads.
//
// - "FrontEnd/<N> lines": Compiler.compile(source:path:options:) — lex,
//   parse, check and emit LLVM IR, all in memory; no clang.
// - "BuildSharedObject/<N> lines": the whole build of a hot-reload library:
//   the front end, writing the IR to a file, and clang -O0 -shared to a .so.
//
// Each is run on programs of 1,000, 5,000 and 20,000 lines (seed 1, four
// #[hot] functions). Generating the program is not measured. Only wall-clock
// time is reported: clang runs as a child process, whose CPU time the
// benchmark process's own CPU metrics would not see.
//
// Iteration and time limits keep `swift package benchmark` for the whole
// suite to about two minutes on a 2-core machine.

import Benchmark
import BenchmarkSupport
import Foundation
import HotReload
import VaisCompiler
import VaisWorkloads

private let sizes = [1_000, 5_000, 20_000]
private let compileOptions = CompileOptions(debugInfo: false, requireMain: true, standardLibrary: nil)

/// Where the IR and .so files go; made before the first build and removed after the last.
private let workDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("vais-hot-benchmarks-\(ProcessInfo.processInfo.processIdentifier)")

let benchmarks: @Sendable () -> Void = {
    Tolerances.useDefaults(timeUnits: .milliseconds, warmupIterations: 1)

    let frontEnd = Benchmark.Configuration(timeUnits: .microseconds, maxDuration: .seconds(8), maxIterations: 60)
    let build = Benchmark.Configuration(maxDuration: .seconds(12), maxIterations: 25)

    for lines in sizes {
        let source = SyntheticProgram.source(lines: lines, hotFunctions: 4, seed: 1)
        let path = "synthetic_\(lines).vais"

        Benchmark("FrontEnd/\(lines) lines", configuration: frontEnd) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = Compiler.compile(source: source, path: path, options: compileOptions)
                guard let ir = result.ir, !result.hasErrors else {
                    benchmark.error("the generated program did not compile:\n\(result.renderedDiagnostics())")
                    return
                }
                blackHole(ir)
            }
        }

        Benchmark(
            "BuildSharedObject/\(lines) lines",
            configuration: build,
            closure: { benchmark in
                let toolchain = try Toolchain.locate()
                let irPath = workDirectory.appendingPathComponent("synthetic_\(lines).ll").path
                let soPath = workDirectory.appendingPathComponent("synthetic_\(lines).so").path
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    let result = Compiler.compile(source: source, path: path, options: compileOptions)
                    guard let ir = result.ir, !result.hasErrors else {
                        benchmark.error("the generated program did not compile:\n\(result.renderedDiagnostics())")
                        return
                    }
                    try ir.write(toFile: irPath, atomically: false, encoding: .utf8)
                    try toolchain.compile(ir: irPath, to: soPath, kind: .sharedObject, optimization: 0)
                }
            },
            setup: {
                try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
            },
            teardown: {
                try? FileManager.default.removeItem(at: workDirectory)
            }
        )
    }
}

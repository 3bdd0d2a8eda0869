import Documents
import Foundation
import HotReload
import VaisCompiler
import VaisWorkloads

/// The compiler: the front end alone (lex, parse, check, IR) and the whole
/// program from source to a shared object (clang -O0), on generated
/// programs and on the game.
struct CompileBench {
    let settings: BenchRunner.Settings
    let toolchain: Toolchain
    let references: MachineReferences
    let progress: @Sendable (String) -> Void

    func run() throws -> [BenchMetric] {
        var programs: [(label: String, source: String, path: String)] = []
        let sizes = settings.suite == .quick ? [1_000, 5_000] : [1_000, 5_000, 20_000]
        for lines in sizes {
            programs.append(("\(lines) lines", SyntheticProgram.source(lines: lines), settings.workFolder + "/synthetic_\(lines).vais"))
        }
        // Tier 2 of the language: generic containers, traits, Option and Result on every few lines.
        programs.append(("5000 lines, generics", SyntheticGenericProgram.source(lines: 5_000), settings.workFolder + "/synthetic_generic_5000.vais"))
        // Part 2's forms: closures, defer, and std's Vec, HashMap and String bound before a use fixes their type.
        programs.append(("5000 lines, part 2 forms", SyntheticFormsProgram.source(lines: 5_000), settings.workFolder + "/synthetic_forms_5000.vais"))
        let game = try String(contentsOfFile: settings.game.sourcePath, encoding: .utf8)
        programs.append(("game.vais", game, settings.game.sourcePath))
        let options = CompileOptions(standardLibrary: settings.game.compileOptions.standardLibrary)
        var metrics: [BenchMetric] = []
        for program in programs {
            let lines = program.source.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let rounds = roundsFor(lines: lines)
            progress("compile/front end/\(program.label)")
            let frontEnd = try frontEndSamples(program, options: options, count: rounds.frontEnd)
            metrics.append(BenchMetric(name: "compile/front end/\(program.label)", kind: .time, samples: frontEnd))
            if lines >= 5_000 {
                // Big programs are lowered on several threads; this keeps the one-thread figure in view.
                progress("compile/front end, one thread/\(program.label)")
                var oneThread = options
                oneThread.loweringThreads = 1
                let sequential = try frontEndSamples(program, options: oneThread, count: rounds.frontEnd)
                metrics.append(BenchMetric(name: "compile/front end, one thread/\(program.label)", kind: .time, samples: sequential))
            }
            progress("compile/to .so/\(program.label)")
            let irPath = settings.workFolder + "/bench.ll"
            let soPath = settings.workFolder + "/bench.so"
            let build = try Repeat.samples(warmUp: 1, count: rounds.build) {
                try references.takeClangSample()
                return try Repeat.time {
                    let result = Compiler.compile(source: program.source, path: program.path, options: options)
                    guard let ir = result.ir else { throw BenchFailure.doesNotCompile(program.label, result.renderedDiagnostics()) }
                    try ir.write(toFile: irPath, atomically: false, encoding: .utf8)
                    try toolchain.compile(ir: irPath, to: soPath, kind: .sharedObject)
                }
            }
            // A 1,000-line program is where the issue's own goal (source to .so under 60 ms) applies.
            let target = lines <= 1_000 ? "compile.small" : (lines < 5_000 ? "compile.medium" : "compile.large")
            // clang and lld are most of it, so clang's own start-up on this machine is its measure.
            metrics.append(BenchMetric(name: "compile/to .so/\(program.label)", kind: .time, samples: build, target: target, gate: .ratio,
                                       reference: MachineReferences.clangStartUp))
        }
        return metrics
    }

    /// Lex, parse, check and IR of `program`, timed `count` times after a
    /// warm-up long enough for the heap and the worker threads to settle.
    private func frontEndSamples(_ program: (label: String, source: String, path: String), options: CompileOptions, count: Int) throws -> [Double] {
        try Repeat.samples(warmUp: 3, count: count) {
            try Repeat.time {
                let result = Compiler.compile(source: program.source, path: program.path, options: options)
                guard result.ir != nil else { throw BenchFailure.doesNotCompile(program.label, result.renderedDiagnostics()) }
            }
        }
    }

    private func roundsFor(lines: Int) -> (frontEnd: Int, build: Int) {
        let full = settings.suite == .full
        switch lines {
        case ..<2_000: return (full ? 30 : 15, full ? 15 : 7)
        case ..<10_000: return (full ? 15 : 7, full ? 9 : 5)
        default: return (7, 5)
        }
    }
}

enum BenchFailure: Error, CustomStringConvertible {
    case doesNotCompile(String, String)
    case noReloads(String)
    case wrongResult(String, expected: Int64, got: Int64)

    var description: String {
        switch self {
        case .doesNotCompile(let label, let diagnostics): return "the benchmark program \(label) does not compile:\n\(diagnostics)"
        case .noReloads(let why): return "the reload benchmark measured nothing: \(why)"
        case .wrongResult(let function, let expected, let got): return "\(function) returned \(got) where \(expected) was expected"
        }
    }
}

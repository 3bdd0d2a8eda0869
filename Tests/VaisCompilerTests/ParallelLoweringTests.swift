import Testing
@testable import VaisCompiler
import VaisWorkloads

@Suite("Lowering on several threads")
struct ParallelLoweringTests {
    @Test("several threads write the same IR, byte for byte, as one thread", arguments: [2, 3, 5])
    func sameIRAsOneThread(threads: Int) throws {
        let source = SyntheticProgram.source(lines: 5_000, hotFunctions: 4, seed: 11)
        func ir(_ threads: Int) throws -> String {
            let options = CompileOptions(debugInfo: false, requireMain: true, standardLibrary: nil, loweringThreads: threads)
            return try #require(Compiler.compile(source: source, path: "synthetic.vais", options: options).ir)
        }
        let single = try ir(1)
        #expect(single.contains("define i64 @vais.main()"))
        #expect(try ir(threads) == single)
    }

    @Test("runs are contiguous, cover every function once and shrink to short last runs")
    func guidedRuns() {
        let weights = (0..<400).map { 1 + $0 % 7 }
        let total = weights.reduce(0, +)
        for threads in [2, 3, 8] {
            let runs = ParallelLowering.guidedRuns(weights, threads: threads)
            #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == weights.count)
            for (previous, next) in zip(runs, runs.dropFirst()) { #expect(previous.upperBound == next.lowerBound) }
            let loads = runs.map { weights[$0].reduce(0, +) }
            #expect(runs.count > 2 * threads, "runs \(loads)")
            #expect(loads.max()! <= total / (2 * threads) + 7, "runs \(loads)")
            #expect(loads.last! <= total / (16 * threads) + 7, "runs \(loads)")
        }
        #expect(ParallelLowering.guidedRuns([7], threads: 4) == [0..<1])
        #expect(ParallelLowering.guidedRuns([], threads: 2).isEmpty)
    }
}

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

    @Test("runs are contiguous, cover every function once and balance the weight")
    func balancedRuns() {
        let weights = [5, 1, 1, 1, 1, 1, 10, 2, 2, 2, 2, 2]
        let runs = ParallelLowering.balancedRuns(weights, count: 3)
        #expect(runs.count == 3)
        #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == weights.count)
        for (previous, next) in zip(runs, runs.dropFirst()) { #expect(previous.upperBound == next.lowerBound) }
        let loads = runs.map { weights[$0].reduce(0, +) }
        #expect(loads.max()! <= 16, "loads \(loads) of a total of 30")
        #expect(ParallelLowering.balancedRuns([7], count: 4) == [0..<1])
        #expect(ParallelLowering.balancedRuns([], count: 2).isEmpty)
    }
}

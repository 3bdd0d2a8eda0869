import Foundation
import HotReload

/// The time the toolchain's clang takes to start and compile an empty C
/// file: this machine's own yardstick for reload times. The bench gates
/// ratios against it; a profile judges its relative targets by it. Either
/// way it is measured in the same run as what it is compared with.
struct ClangStartUp {
    struct Failure: Error, CustomStringConvertible {
        let output: String
        var description: String { "clang could not compile an empty C file: \(output)" }
    }

    let toolchain: Toolchain
    /// Where the empty file and its object go.
    let folder: String

    /// One sample, in nanoseconds.
    func sample() throws -> Double {
        let empty = (folder as NSString).appendingPathComponent("empty.c")
        if !FileManager.default.fileExists(atPath: empty) { try Data().write(to: URL(fileURLWithPath: empty)) }
        let output = (folder as NSString).appendingPathComponent("empty.o")
        var outcome: ProcessRunner.Outcome?
        let time = try Repeat.time { outcome = try ProcessRunner.run(toolchain.clang, [empty, "-o", output, "-O0", "-c"]) }
        guard let outcome, outcome.succeeded else { throw Failure(output: outcome?.output ?? "") }
        return time
    }

    /// The median of `count` samples after one to warm the file cache.
    func median(of count: Int) throws -> UInt64 {
        let samples = try Repeat.samples(warmUp: 1, count: count) { try sample() }.sorted()
        return UInt64(samples[samples.count / 2])
    }
}

import Foundation

/// Lowers a module's functions, on several threads when the module is big
/// enough to pay for them. The functions are cut into contiguous runs,
/// weighed by source size, that shrink as the work left does; threads take
/// runs as they come free, each run into its own buffer, and the runs are
/// joined in order, so the IR is byte for byte what one thread writes.
/// Debug metadata is numbered as it is made, so a module with `-g` is
/// lowered on one thread.
enum ParallelLowering {
    /// Below this much function source (bytes), one thread is faster than
    /// handing work to others.
    static let minimumSourceBytes = 16 * 1024

    static func lower(_ functions: [FunctionID], module: IRModule, threads requested: Int?, into output: IRBuffer) {
        let weights = functions.map { id -> Int in
            guard let span = module.model.functions[id.index].declaration?.span else { return 1 }
            return Int(span.end - span.start) + 1
        }
        let total = weights.reduce(0, +)
        let threads = threadCount(requested: requested, functions: functions.count, sourceBytes: total, debugInfo: module.debugInfo != nil)
        guard threads > 1 else {
            DeepStack.run { lowerRun(functions[...], module: module, scratch: LoweringScratch(), into: output) }
            return
        }
        let runs = guidedRuns(weights, threads: threads)
        // About 13 bytes of IR per byte of source, more in some functions.
        let buffers = runs.map { run in IRBuffer(capacity: 16 * 1024 + 16 * weights[run].reduce(0, +)) }
        let scratches = ScratchPool()
        DeepStack.perform(iterations: runs.count, threads: threads) { index in
            let scratch = scratches.take()
            lowerRun(functions[runs[index]], module: module, scratch: scratch, into: buffers[index])
            scratches.give(scratch)
        }
        for buffer in buffers { output.append(buffer) }
    }

    private static func threadCount(requested: Int?, functions: Int, sourceBytes: Int, debugInfo: Bool) -> Int {
        if debugInfo { return 1 }
        if let requested { return max(1, min(requested, functions)) }
        guard sourceBytes >= minimumSourceBytes else { return 1 }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, functions / 4))
    }

    /// Never inlined: lowering's cost is read off this frame in profiles.
    @inline(never)
    private static func lowerRun(_ functions: ArraySlice<FunctionID>, module: IRModule, scratch: LoweringScratch, into output: IRBuffer) {
        for id in functions {
            var lowering = FunctionLowering(module: module, function: id, scratch: scratch)
            lowering.lower(into: output)
        }
    }

    /// Splits indices into contiguous runs, each of about a `2 * threads`th
    /// of the weight still left, down to a `16 * threads`th of the whole:
    /// the first runs keep every thread busy from the start (one that
    /// wakes late still finds work), and the last are short, so the
    /// threads finish together even where source size misjudges the work
    /// (the generics program's specializations, after its own functions,
    /// write a fifth less IR per byte of source).
    static func guidedRuns(_ weights: [Int], threads: Int) -> [Range<Int>] {
        let total = weights.reduce(0, +)
        let smallest = max(1, total / (16 * threads))
        var runs: [Range<Int>] = []
        var start = 0
        var left = total
        var accumulated = 0
        for (index, weight) in weights.enumerated() {
            accumulated += weight
            if accumulated >= max(smallest, left / (2 * threads)), index + 1 < weights.count {
                runs.append(start..<(index + 1))
                start = index + 1
                left -= accumulated
                accumulated = 0
            }
        }
        if start < weights.count { runs.append(start..<weights.count) }
        return runs
    }
}

/// The scratch of each lowering thread: a run takes one, so at most one
/// per thread is made, however many runs there are.
private final class ScratchPool: @unchecked Sendable {
    private var free: [LoweringScratch] = []
    private let lock = NSLock()

    func take() -> LoweringScratch {
        lock.withLock { free.popLast() } ?? LoweringScratch()
    }

    func give(_ scratch: LoweringScratch) {
        lock.withLock { free.append(scratch) }
    }
}

import Foundation

/// Lowers a module's functions, on several threads when the module is big
/// enough to pay for them. The functions are cut into contiguous runs,
/// balanced by source size; threads take runs as they come free, each run
/// into its own buffer, and the runs are joined in order, so the IR is byte
/// for byte what one thread writes. Debug metadata is numbered as it is
/// made, so a module with `-g` is lowered on one thread.
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
            DeepStack.run { lowerRun(functions[...], module: module, into: output) }
            return
        }
        // Several runs per thread: a thread that wakes late still takes a
        // share instead of leaving the caller to lower everything.
        let runs = balancedRuns(weights, count: min(threads * 4, functions.count))
        let buffers = runs.map { run in IRBuffer(capacity: 64 * 1024 + 10 * weights[run].reduce(0, +)) }
        DeepStack.perform(iterations: runs.count, threads: threads) { index in
            lowerRun(functions[runs[index]], module: module, into: buffers[index])
        }
        for buffer in buffers { output.append(buffer) }
    }

    private static func threadCount(requested: Int?, functions: Int, sourceBytes: Int, debugInfo: Bool) -> Int {
        if debugInfo { return 1 }
        if let requested { return max(1, min(requested, functions)) }
        guard sourceBytes >= minimumSourceBytes else { return 1 }
        return max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, functions / 4))
    }

    private static func lowerRun(_ functions: ArraySlice<FunctionID>, module: IRModule, into output: IRBuffer) {
        let scratch = (body: IRBuffer(capacity: 64 * 1024), allocas: IRBuffer(capacity: 4096))
        for id in functions {
            var lowering = FunctionLowering(module: module, function: id, scratch: scratch)
            lowering.lower(into: output)
        }
    }

    /// Splits indices into `count` contiguous runs of about equal weight.
    static func balancedRuns(_ weights: [Int], count: Int) -> [Range<Int>] {
        let total = weights.reduce(0, +)
        var runs: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (index, weight) in weights.enumerated() {
            accumulated += weight
            let boundary = total * (runs.count + 1) / count
            if accumulated >= boundary, runs.count < count - 1 {
                runs.append(start..<(index + 1))
                start = index + 1
            }
        }
        runs.append(start..<weights.count)
        return runs.filter { !$0.isEmpty }
    }
}

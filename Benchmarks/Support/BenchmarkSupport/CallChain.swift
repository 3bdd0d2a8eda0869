/// A hot function of the benchmark programs: `step(x: i64) -> i64`.
public typealias StepFunction = @convention(c) (Int64) -> Int64

/// `x = step(x)`, `count` times: one loop shared by the call benchmarks, so
/// that they run the same machine code and differ only in the callee.
@inline(never)
public func callChain(_ step: StepFunction, _ count: Int) -> Int64 {
    var x: Int64 = 0
    for _ in 0..<count { x = step(x) }
    return x
}

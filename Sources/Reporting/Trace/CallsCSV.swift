import Documents


extension CSVWriter {
    /// `calls.csv`: a row per hot function and version, times in
    /// nanoseconds with the trampoline's overhead already taken out, in
    /// the order the tracer reported them. Function names are quoted when
    /// they hold a comma or a quote, as RFC 4180 asks.
    public static func calls(_ statistics: [CallStatistics]) -> String {
        let header = ["function", "version", "calls", "total_ns", "self_ns", "min_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns"]
        let rows = statistics.map { call in
            [call.function, "\(call.version)", "\(call.calls)"]
                + [call.totalNanoseconds, call.selfNanoseconds, call.minimum, call.p50, call.p90, call.p99, call.maximum].map(String.init)
        }
        return table([header] + rows)
    }
}

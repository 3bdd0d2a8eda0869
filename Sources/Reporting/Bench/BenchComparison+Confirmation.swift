extension BenchComparison {
    /// This comparison, with a regression kept only where `earlier` (the same
    /// suite measured just before, against the same baseline) regressed on
    /// the metric too. A burst of load on a shared machine can slow every
    /// sample of one metric within a few seconds, but rarely the same metric
    /// in two runs; a real slowdown shows in both.
    public func confirmed(by earlier: BenchComparison) -> BenchComparison {
        let regressedBefore = Set(earlier.regressed.map(\.name))
        var confirmed = self
        for index in confirmed.entries.indices
        where confirmed.entries[index].verdict == .regressed && !regressedBefore.contains(confirmed.entries[index].name) {
            confirmed.entries[index].verdict = .unchanged
            confirmed.entries[index].unconfirmed = true
        }
        return confirmed
    }
}

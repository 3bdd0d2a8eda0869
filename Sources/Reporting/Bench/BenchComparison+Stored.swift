import Documents


extension BenchComparison {
    /// The run with this comparison stored in it (`comparedWith`), as
    /// `vais-hot bench --baseline … --out` writes it: the baseline's
    /// metrics and thresholds, and which regressions a second run did not
    /// confirm.
    public var runWithVerdicts: BenchDocument {
        var stored = run
        stored.comparedWith = ComparedBaseline(startedAt: baseline.startedAt, gitCommit: baseline.gitCommit, machine: baseline.machine,
                                               metrics: baseline.metrics, thresholds: baseline.thresholds,
                                               unconfirmed: entries.filter(\.unconfirmed).map(\.name), regressed: regressed.map(\.name),
                                               summary: summary)
        return stored
    }

    /// The comparison stored in `run`, judged again by the same rule, so it
    /// gives the verdicts the command line gave; nil when the run was not
    /// compared with a baseline.
    public init?(storedIn run: BenchDocument) {
        guard let stored = run.comparedWith else { return nil }
        var plain = run
        plain.comparedWith = nil
        let baseline = BenchDocument(suite: run.suite, startedAt: stored.startedAt, machine: stored.machine, toolchain: run.toolchain,
                                     gitCommit: stored.gitCommit, metrics: stored.metrics, thresholds: stored.thresholds)
        self.init(run: plain, baseline: baseline)
        let unconfirmed = Set(stored.unconfirmed)
        for index in entries.indices where entries[index].verdict == .regressed && unconfirmed.contains(entries[index].name) {
            entries[index].verdict = .unchanged
            entries[index].unconfirmed = true
        }
    }
}

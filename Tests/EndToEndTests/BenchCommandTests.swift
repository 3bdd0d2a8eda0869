import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot bench` as CI runs it.
@Suite("vais-hot bench")
struct BenchCommandTests {
    @Test("the quick suite measures every metric; compared with itself it passes, against a faster baseline it fails naming the metrics",
          .timeLimit(.minutes(5)))
    func quickSuiteAndGate() throws {
        let scratch = try ScratchDirectory("bench")
        let run = scratch.path("run.json")
        let bench = try ProcessRunner.run(Repository.executable, ["bench", "--suite", "quick", "--out", run, "--github-benchmark",
                                                                 scratch.path("gab.json"), "--game",
                                                                 Repository.root.appendingPathComponent("examples/game.vais").path],
                                          standardError: .discard)
        #expect(bench.exitStatus == 0, "\(bench.output)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run))) as? [String: Any]
        let metrics = document?["metrics"] as? [[String: Any]] ?? []
        let names = Set(metrics.compactMap { $0["name"] as? String })
        for expected in ["compile/front end/1000 lines", "compile/to .so/5000 lines", "compile/front end/game.vais", "reload/dlopen",
                         "reload/dlsym per symbol", "reload/swap", "reload/total without compile", "reload/edit to first call (game.vais)",
                         "memory/mapped per version", "memory/rss after 50 reloads", "memory/left mapped after unload",
                         "calls/direct", "calls/through a slot", "calls/traced, stats mode", "calls/traced, events mode"] {
            #expect(names.contains(expected), "\(expected) is missing")
        }
        #expect(document?["schemaVersion"] as? Int == 1)
        #expect((document?["machine"] as? [String: Any])?["cores"] != nil)
        let actionEntries = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("gab.json")))) as? [[String: Any]]
        #expect(actionEntries?.count == metrics.count)
        #expect(actionEntries?.allSatisfy { $0["name"] is String && $0["unit"] is String && $0["value"] is Double && $0["range"] is String } == true)

        let same = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", run])
        #expect(same.exitStatus == 0, "\(same.output)")

        // A baseline three times faster on every timing: each timing regressed, no size did.
        var faster = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run))) as? [String: Any] ?? [:]
        faster["metrics"] = metrics.map { metric -> [String: Any] in
            guard metric["kind"] as? String == "time" else { return metric }
            var scaled = metric
            for key in ["median", "p25", "p75", "p95"] { scaled[key] = (metric[key] as? Double ?? 0) / 3 }
            return scaled
        }
        let fasterPath = scratch.path("faster.json")
        try JSONSerialization.data(withJSONObject: faster).write(to: URL(fileURLWithPath: fasterPath))
        let gate = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", fasterPath], standardError: .discard)
        #expect(gate.exitStatus == 2)
        // Exactly the timings whose whole middle half now lies above the baseline's (a timing measured
        // very unevenly in this run can keep a p25 below a third of its p75, and then it did not move clear).
        let moved = Set(metrics.filter { metric in
            guard metric["kind"] as? String == "time", let p25 = metric["p25"] as? Double, let p75 = metric["p75"] as? Double else { return false }
            return p25 > p75 / 3
        }.compactMap { $0["name"] as? String })
        let regressedRows = gate.output.split(separator: "\n").filter { $0.contains("REGRESSED") }
        let regressed = Set(metrics.compactMap { $0["name"] as? String }.filter { name in regressedRows.contains { $0.hasPrefix(name + " ") } })
        #expect(regressed == moved, "\(gate.output)")
        #expect(moved.count >= 10, "the run was too noisy to say anything: \(moved)")

        // A baseline with a metric this run lacks and without one it has: reported, not a failure.
        var edited = faster
        edited["metrics"] = metrics.dropFirst().map { $0 } + [["name": "compile/front end/imaginary", "kind": "time", "unit": "ns",
                                                                "smallerIsBetter": true, "median": 1.0, "p25": 1.0, "p75": 1.0, "p95": 1.0, "count": 3]]
        let editedPath = scratch.path("edited.json")
        try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: editedPath))
        let partial = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", editedPath], standardError: .discard)
        #expect(partial.exitStatus == 0, "\(partial.output)")
        #expect(partial.output.contains("MISSING"))
        #expect(partial.output.contains("new"))
    }

    @Test("a baseline that is not a bench run is a failed bench (exit 1), explained")
    func badBaseline() throws {
        let scratch = try ScratchDirectory("bench-bad")
        try "{\"reloads\": []}".write(toFile: scratch.path("nope.json"), atomically: false, encoding: .utf8)
        let bench = try ProcessRunner.run(Repository.executable, ["bench", "--run", scratch.path("nope.json"), "--baseline", scratch.path("nope.json")])
        #expect(bench.exitStatus == 1)
        #expect(bench.output.contains("error:"))
    }
}

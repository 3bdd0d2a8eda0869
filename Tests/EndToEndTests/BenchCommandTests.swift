import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot bench` as CI runs it.
@Suite("vais-hot bench")
struct BenchCommandTests {
    @Test("the quick suite measures every metric with its gate; a slower machine passes, more front-end instructions or a slower reload fail",
          .timeLimit(.minutes(10)))
    func quickSuiteAndGate() async throws {
        let scratch = try ScratchDirectory("bench")
        let run = scratch.path("run.json")
        let arguments = ["bench", "--suite", "quick", "--out", run, "--github-benchmark", scratch.path("gab.json"), "--game",
                         Repository.root.appendingPathComponent("examples/game.vais").path]
        // Minutes of measuring (instructions under valgrind with a debug build among them): off the test threads.
        let bench = try await offPool { try ProcessRunner.run(Repository.executable, arguments, standardError: .discard) }
        #expect(bench.exitStatus == 0, "\(bench.output)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run))) as? [String: Any] ?? [:]
        let metrics = document["metrics"] as? [[String: Any]] ?? []
        let byName = Dictionary(metrics.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        // Each metric with the gate it is judged by.
        let expected: [String: String] = [
            "compile/front end/1000 lines": "reported", "compile/to .so/5000 lines": "ratio", "compile/front end/game.vais": "reported",
            "reload/dlopen": "ratio", "reload/elf check": "ratio", "reload/dlsym per symbol": "reported", "reload/swap": "reported",
            "reload/total without compile": "ratio", "reload/detection to swap, one function": "ratio", "reload/edit to first call, one function": "ratio",
            "memory/mapped per version": "bytes", "memory/rss after the last 10 reloads": "bytes", "memory/left mapped after unload": "bytes",
            "calls/direct": "reported", "calls/through a slot": "reported", "calls/traced, stats mode": "reported",
            "calls/traced, events mode": "reported", "reference/cpu loop": "reported", "reference/clang -c of an empty C file": "reported",
            "reference/dlopen of a small C library": "reported",
        ]
        for (name, gate) in expected {
            #expect(byName[name]?["gate"] as? String == gate, "\(name)")
        }
        for metric in metrics where metric["gate"] as? String == "ratio" {
            let reference = metric["reference"] as? String ?? ""
            #expect(reference.hasPrefix("reference/") && byName[reference] != nil, "\(metric["name"] ?? "")")
        }
        let counted = ["instructions/front end/1000 lines", "instructions/front end/5000 lines", "instructions/front end/game.vais",
                       "instructions/parse/5000 lines", "instructions/check/5000 lines", "instructions/IR/5000 lines",
                       "instructions/call through a slot", "instructions/traced call, stats mode", "instructions/traced call, events mode",
                       "instructions/reload in process (game.vais)"]
        let hasValgrind = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: $0 + "/valgrind") }
        if hasValgrind {
            for name in counted {
                #expect(byName[name]?["gate"] as? String == "instructions", "\(name)")
                #expect((byName[name]?["median"] as? Double ?? 0) > 1, "\(name)")
            }
        }
        #expect(document["schemaVersion"] as? Int == 2)
        #expect((document["machine"] as? [String: Any])?["cores"] != nil)
        let actionEntries = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("gab.json")))) as? [[String: Any]]
        #expect(actionEntries?.count == metrics.count)
        #expect(actionEntries?.allSatisfy { $0["name"] is String && $0["unit"] is String && $0["value"] is Double && $0["range"] is String } == true)

        let same = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", run])
        #expect(same.exitStatus == 0, "\(same.output)")

        /// The run with the summaries of the chosen metrics multiplied by `factor`, written as a baseline.
        func baseline(_ file: String, scaling factor: Double, where chosen: ([String: Any]) -> Bool) throws -> String {
            var edited = document
            edited["metrics"] = metrics.map { metric -> [String: Any] in
                guard chosen(metric) else { return metric }
                var scaled = metric
                for key in ["median", "p25", "p75", "p95"] { scaled[key] = (metric[key] as? Double ?? 0) * factor }
                return scaled
            }
            let path = scratch.path(file)
            try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: path))
            return path
        }
        func gate(against baseline: String) throws -> (status: Int32, regressed: Set<String>, output: String) {
            let outcome = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", baseline], standardError: .discard)
            let rows = outcome.output.split(separator: "\n").filter { $0.contains("REGRESSED") }
            return (outcome.exitStatus, Set(byName.keys.filter { name in rows.contains { $0.hasPrefix(name + " ") } }), outcome.output)
        }

        // Recorded on a machine twice as fast: every wall time of the baseline halved, every count the same. Nothing regressed.
        let fasterMachine = try gate(against: try baseline("faster-machine.json", scaling: 0.5) { $0["kind"] as? String == "time" })
        #expect(fasterMachine.status == 0, "\(fasterMachine.output)")

        if hasValgrind {
            // The front end executes 10% more instructions than the baseline's: exactly its counts regressed.
            let frontEnd = Set(counted.filter { $0.hasPrefix("instructions/front end/") })
            let fewer = try gate(against: try baseline("fewer-instructions.json", scaling: 1 / 1.1) { frontEnd.contains($0["name"] as? String ?? "") })
            #expect(fewer.status == 2, "\(fewer.output)")
            #expect(fewer.regressed == frontEnd, "\(fewer.output)")
        }

        // vais-hot's own wall times three times slower relative to this machine (the references unchanged): exactly the
        // ratio-gated timings whose whole middle half now lies above the baseline's (a timing measured very unevenly in
        // this run can keep a p25 below a third of its p75, and then it did not move clear).
        let isCode = { (metric: [String: Any]) in metric["gate"] as? String == "ratio" }
        let slowerCode = try gate(against: try baseline("slower-code.json", scaling: 1.0 / 3, where: isCode))
        #expect(slowerCode.status == 2)
        let moved = Set(metrics.filter { metric in
            guard isCode(metric), let p25 = metric["p25"] as? Double, let p75 = metric["p75"] as? Double else { return false }
            return p25 > p75 / 3
        }.compactMap { $0["name"] as? String })
        #expect(slowerCode.regressed == moved, "\(slowerCode.output)")
        #expect(moved.count >= 5, "the run was too noisy to say anything: \(moved)")

        // The verdicts travel with the run: its JSON names the regressions, and its HTML shows them with no baseline at hand.
        let slowerBaseline = scratch.path("slower-code.json")
        let gated = scratch.path("gated.json")
        _ = try ProcessRunner.run(Repository.executable, ["bench", "--run", run, "--baseline", slowerBaseline, "--out", gated], standardError: .discard)
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gated))) as? [String: Any]
        #expect(Set((stored?["comparedWith"] as? [String: Any])?["regressed"] as? [String] ?? []) == moved)
        let page = scratch.path("gated.html")
        let report = try ProcessRunner.run(Repository.executable, ["report", gated, "--html", page], standardError: .discard)
        #expect(report.exitStatus == 0, "\(report.output)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<span class=\"badge fail\">REGRESSED</span>").count - 1 == moved.count)
        // `report --compare` on two bench runs prints the verdicts and renders them.
        let compared = try ProcessRunner.run(Repository.executable, ["report", run, "--compare", slowerBaseline, "--html", scratch.path("compared.html")],
                                             standardError: .discard)
        #expect(compared.exitStatus == 0, "\(compared.output)")
        #expect(compared.output.split(separator: "\n").filter { $0.contains("REGRESSED") }.count == moved.count, "\(compared.output)")
        let comparedPage = try String(contentsOfFile: scratch.path("compared.html"), encoding: .utf8)
        #expect(comparedPage.components(separatedBy: "<span class=\"badge fail\">REGRESSED</span>").count - 1 == moved.count)

        // A baseline with a metric this run lacks and without one it has: reported, not a failure.
        var edited = document
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

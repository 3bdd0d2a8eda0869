import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot trace` as a user runs it.
@Suite("vais-hot trace")
struct TraceCommandTests {
    static let program = """
    #[hot]
    F leaf(x: i64) -> i64 = x * 2
    #[hot]
    F branch(n: i64) -> i64 {
        total := mut 0
        L i: 0..n {
            total += leaf(i)
        }
        total
    }
    F main() -> i64 {
        sum := mut 0
        L round: 0..25 {
            sum += branch(4)
        }
        printf("sum %ld\\n", sum)
        0
    }
    """

    @Test("trace counts every call exactly and writes the table, the folded stacks and the timeline", .timeLimit(.minutes(10)))
    func traceWritesEverything() throws {
        let scratch = try ScratchDirectory("trace")
        let source = scratch.path("calls.vais")
        try Self.program.write(toFile: source, atomically: false, encoding: .utf8)
        let out = scratch.path("out")
        let trace = try ProcessRunner.run(Repository.executable, ["trace", source, "--mode", "events", "--stacks", "--out", out,
                                                                 "--build-dir", scratch.path("build")])
        #expect(trace.exitStatus == 0, "\(trace.output)")
        #expect(trace.output.contains("sum 300"))
        #expect(trace.output.contains("trampoline overhead"))

        let csv = try String(contentsOfFile: out + "/calls.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.split(separator: ",") }
        let counts = Dictionary(uniqueKeysWithValues: csv.dropFirst().map { (String($0[0]), Int($0[2]) ?? -1) })
        #expect(counts == ["branch": 25, "leaf": 100])

        let folded = try String(contentsOfFile: out + "/stacks.folded", encoding: .utf8)
        // Merged by function and weighed by self time: one line for each path, with a positive weight.
        let paths = folded.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(Set(paths) == ["main;branch;leaf", "main;branch"], "\(folded)")
        #expect(folded.split(separator: "\n").allSatisfy { (UInt64($0.split(separator: " ").last ?? "") ?? 0) > 0 }, "\(folded)")
        #expect(FileManager.default.fileExists(atPath: out + "/stacks.speedscope.json"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/trace.json"))) as? [String: Any]
        let events = json?["traceEvents"] as? [[String: Any]] ?? []
        let slices = events.filter { $0["ph"] as? String == "X" }
        #expect(slices.count == 125)
        #expect(slices.allSatisfy { (($0["args"] as? [String: Any])?["version"] as? Int) == 1 })
        #expect(FileManager.default.fileExists(atPath: out + "/trace.html"))
    }

    @Test("an unknown function name is refused with the hot functions listed")
    func unknownFunction() throws {
        let scratch = try ScratchDirectory("trace-unknown")
        let source = scratch.path("calls.vais")
        try Self.program.write(toFile: source, atomically: false, encoding: .utf8)
        let trace = try ProcessRunner.run(Repository.executable, ["trace", source, "--functions", "nope", "--build-dir", scratch.path("build")])
        #expect(trace.exitStatus == 1)
        #expect(trace.output.contains("not #[hot] functions of the program: nope; the hot functions are branch, leaf"))
    }
}

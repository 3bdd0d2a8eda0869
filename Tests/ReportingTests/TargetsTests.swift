import Documents
import Foundation
@testable import Reporting
import Testing

@Suite("Targets")
struct TargetsTests {
    private func result(_ id: String, _ document: ProfileDocument) throws -> TargetResult {
        let results = Targets.evaluate(document, against: try Targets.load())
        return try #require(results.first { $0.target.id == id })
    }

    @Test("the packaged targets load and hold the documented ranges and our goals")
    func packaged() throws {
        let targets = try Targets.load()
        #expect(Set(targets.map(\.measure)) == [.compile, .dlopen, .dlsymPerSymbol, .swap, .overhead, .versionMapped, .retainedMapped, .reload,
                                                    .editToFirstCall])
        #expect(targets.first { $0.measure == .reload }?.goalTimesClangStartUp == 0.6)
        let small = try #require(targets.first { $0.id == "compile.small" })
        #expect(small.documented == Target.Range(low: 50_000_000, high: 200_000_000))
        #expect(small.goal == 60_000_000)
    }

    @Test("the compile target follows the program's line count; missing counts as small")
    func compileBySize() throws {
        func compileTargets(_ lines: Int?) throws -> [String] {
            Targets.evaluate(SampleProfile.make(sourceLines: lines), against: try Targets.load()).map(\.target.id).filter { $0.hasPrefix("compile.") }
        }
        #expect(try compileTargets(nil) == ["compile.small"])
        #expect(try compileTargets(999) == ["compile.small"])
        #expect(try compileTargets(1000) == ["compile.medium"])
        #expect(try compileTargets(12_000) == ["compile.large"])
    }

    @Test("medians and p95 are taken over the right samples")
    func measures() throws {
        let document = SampleProfile.make()
        let compile = try result("compile.small", document)
        #expect(compile.sampleCount == document.reloads.count)
        #expect(compile.median == Statistics.median(document.reloads.map(\.compile)))
        let lookup = try result("lookup", document)
        #expect(lookup.sampleCount == document.reloads.count * SampleProfile.functions.count)
        #expect(try result("overhead", document).p95 == Statistics.p95(document.reloads.map(\.overhead)))
        // One value per version that was ever sampled: its peak.
        let perVersion = try result("memory.version", document)
        #expect(perVersion.sampleCount == document.versions.count)
        // Four versions are loaded together at most (the current one and three retained).
        let retained = try result("memory.retained", document)
        let expected = (2...21).map { version in (max(version - 3, 1)...version).reduce(0) { $0 + SampleProfile.mapped($1) } }.max()
        #expect(retained.median == expected)
    }

    @Test("a goal relative to clang's start-up is worked out from the start-up the document measured, and is not judged without it")
    func relativeGoal() throws {
        var document = SampleProfile.make()
        #expect(try result("reload", document).goal == nil)
        #expect(try result("reload", document).goalPass == nil)
        let median = try #require(Statistics.median(document.reloads.map(\.total)))
        document.clangStartUpNanoseconds = median * 2
        #expect(try result("reload", document).goal == UInt64((Double(median) * 1.2).rounded()))
        #expect(try result("reload", document).goalPass == true)
        document.clangStartUpNanoseconds = median
        #expect(try result("reload", document).goalPass == false)
        let html = HTMLReport.render(document, targets: try Targets.load())
        #expect(html.contains("≤ 0.6× clang start-up ("))
    }

    @Test("documented passes at or below its upper end; goal at or below the goal; nothing to judge is nil")
    func passFail() {
        let target = Target(id: "t", title: "t", measure: .dlopen, unit: .nanoseconds, documented: .init(low: 1_000, high: 5_000), goal: 100)
        #expect(TargetResult(target: target, sampleCount: 1, median: 5_000, p95: 9_000).documentedPass == true)
        #expect(TargetResult(target: target, sampleCount: 1, median: 5_001, p95: 5_001).documentedPass == false)
        #expect(TargetResult(target: target, sampleCount: 1, median: 100, p95: 200).goalPass == true)
        #expect(TargetResult(target: target, sampleCount: 1, median: 101, p95: 101).goalPass == false)
        #expect(TargetResult(target: target, sampleCount: 0, median: nil, p95: nil).documentedPass == nil)
        let goalOnly = Target(id: "swap", title: "swap", measure: .swap, unit: .nanoseconds, documented: nil, goal: 10_000)
        #expect(TargetResult(target: goalOnly, sampleCount: 1, median: 1, p95: 1).documentedPass == nil)
    }
}

import Documents
import Foundation
@testable import Reporting
import Testing
import TestSupport

@Suite("Report writer and comparison")
struct ReportWriterTests {

    @Test("writes the five outputs, and profile.json reads back to the same document")
    func writeAndRead() throws {
        let scratch = try ScratchDirectory("report-writer")
        let folder = scratch.url
        let document = SampleProfile.make()
        try ReportWriter.write(document, to: folder)
        for file in [ReportWriter.profileFile, ReportWriter.reloadsFile, ReportWriter.memoryFile, ReportWriter.htmlFile, ReportWriter.traceFile] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try ReportWriter.read(folder.appendingPathComponent(ReportWriter.profileFile)) == document)
    }

    @Test("a file that is not a profile, or from a newer vais-hot, says what to do")
    func readErrors() throws {
        let scratch = try ScratchDirectory("report-writer")
        let folder = scratch.url
        let notAProfile = folder.appendingPathComponent("trace.json")
        try Data("{\"traceEvents\": []}".utf8).write(to: notAProfile)
        #expect { try ReportWriter.read(notAProfile) } throws: { error in
            guard case .notThatDocument(_, .profile, _) = error as? DocumentError else { return false }
            return true
        }
        let newer = folder.appendingPathComponent("newer.json")
        try Data("{\"schemaVersion\": \(ProfileDocument.currentSchemaVersion + 1)}".utf8).write(to: newer)
        #expect { try ReportWriter.read(newer) } throws: { error in
            guard case .newerSchema(_, .profile, let found) = error as? DocumentError else { return false }
            return found == ProfileDocument.currentSchemaVersion + 1
        }
        #expect(throws: DocumentError.self) { try ReportWriter.read(folder.appendingPathComponent("missing.json")) }
    }

    @Test("comparison gives the phase medians old and new, the change in percent and a verdict by the IQR rule")
    func comparison() throws {
        let old = SampleProfile.make()
        var new = old
        for index in new.reloads.indices { new.reloads[index].phases[.codegen] = (old.reloads[index].phases[.codegen] ?? 0) / 2 }
        for index in new.reloads.indices { new.reloads[index].phases[.firstCall] = nil }
        let changes = ProfileComparison.compare(old, new)
        #expect(changes.map(\.name) == Phase.allCases.map(\.rawValue) + ["total", "overhead"])
        let codegen = try #require(changes.first { $0.name == "codegen" })
        #expect(codegen.old?.median == Statistics.median(old.reloads.compactMap { $0.phases[.codegen] }).map { Double($0) })
        #expect(try #require(codegen.changePercent) < -49)
        #expect(codegen.verdict == .better)
        let parse = try #require(changes.first { $0.name == "parse" })
        #expect(parse.changePercent == 0 && parse.verdict == .withinNoise)
        let firstCall = try #require(changes.first { $0.name == "firstCall" })
        #expect(firstCall.new == nil && firstCall.changePercent == nil && firstCall.verdict == nil)
        let table = ProfileComparison.table(changes)
        #expect(table.split(separator: "\n").count == changes.count + 3)  // headings, their rule, a row each, the verdict rule
        #expect(table.contains("gone") && table.contains("faster") && table.contains("within noise"))
        #expect(table.contains("+0.0%"))
        #expect(ProfileComparison.caveat(old, new) == nil)
    }

    @Test("two profiles of the same program: a phase whose median moved but whose ranges overlap is within noise, not slower")
    func noiseIsNotAChange() throws {
        var old = SampleProfile.make()
        var new = old
        // Copies of 100–290 µs before, 100–290 µs after but the fast ones slower: the median moves by +30%, the middle halves overlap.
        for index in old.reloads.indices {
            old.reloads[index].phases[.copy] = UInt64(100_000 + 10_000 * index)
            new.reloads[index].phases[.copy] = UInt64(index < 10 ? 160_000 + 10_000 * index : 100_000 + 10_000 * index)
        }
        let copy = try #require(ProfileComparison.compare(old, new).first { $0.name == "copy" })
        #expect(try #require(copy.changePercent) > 5)
        #expect(try #require(copy.new?.p25) <= (try #require(copy.old?.p75)))
        #expect(copy.verdict == .withinNoise)
        // Every reload's copy twice as long: slower.
        var slower = old
        for index in slower.reloads.indices { slower.reloads[index].phases[.copy] = (old.reloads[index].phases[.copy] ?? 0) * 2 }
        #expect(ProfileComparison.compare(old, slower).first { $0.name == "copy" }?.verdict == .worse)
    }

    @Test("comparing two different programs says so, on the terminal and in the page")
    func differentPrograms() throws {
        let old = SampleProfile.make()
        var new = old
        new.program = "other.vais"
        let caveat = try #require(ProfileComparison.caveat(old, new))
        #expect(ProfileComparison.table(ProfileComparison.compare(old, new), caveat: caveat).hasPrefix("warning: the profiles are of different programs"))
        #expect(HTMLReport.render(new, targets: [], baseline: old).contains("Warning: the profiles are of different programs"))
    }
}

import Foundation
import Profiling
@testable import Reporting
import Testing

@Suite("Report writer and comparison")
struct ReportWriterTests {
    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("vais-hot-reporting-\(UUID().uuidString)")
    }

    @Test("writes the five outputs, and profile.json reads back to the same document")
    func writeAndRead() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = SampleProfile.make()
        try ReportWriter.write(document, to: folder)
        for file in [ReportWriter.profileFile, ReportWriter.reloadsFile, ReportWriter.memoryFile, ReportWriter.htmlFile, ReportWriter.traceFile] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try ReportWriter.read(folder.appendingPathComponent(ReportWriter.profileFile)) == document)
    }

    @Test("a file that is not a profile, or from a newer vais-hot, says what to do")
    func readErrors() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let notAProfile = folder.appendingPathComponent("trace.json")
        try Data("{\"traceEvents\": []}".utf8).write(to: notAProfile)
        #expect { try ReportWriter.read(notAProfile) } throws: { error in
            guard case .notAProfile = error as? ReportError else { return false }
            return true
        }
        let newer = folder.appendingPathComponent("newer.json")
        try Data("{\"schemaVersion\": \(ProfileDocument.currentSchemaVersion + 1)}".utf8).write(to: newer)
        #expect { try ReportWriter.read(newer) } throws: { error in
            guard case .newerSchema(_, let found) = error as? ReportError else { return false }
            return found == ProfileDocument.currentSchemaVersion + 1
        }
        #expect(throws: ReportError.self) { try ReportWriter.read(folder.appendingPathComponent("missing.json")) }
    }

    @Test("comparison gives the phase medians old and new and the change in percent")
    func comparison() throws {
        let old = SampleProfile.make()
        var new = old
        for index in new.reloads.indices { new.reloads[index].phases[.clang] = (old.reloads[index].phases[.clang] ?? 0) / 2 }
        for index in new.reloads.indices { new.reloads[index].phases[.firstCall] = nil }
        let changes = ProfileComparison.compare(old, new)
        #expect(changes.map(\.name) == Phase.allCases.map(\.rawValue) + ["total", "overhead"])
        let clang = try #require(changes.first { $0.name == "clang" })
        #expect(clang.old == Statistics.median(old.reloads.compactMap { $0.phases[.clang] }))
        #expect(try #require(clang.changePercent) < -49)
        let parse = try #require(changes.first { $0.name == "parse" })
        #expect(parse.changePercent == 0)
        let firstCall = try #require(changes.first { $0.name == "firstCall" })
        #expect(firstCall.new == nil && firstCall.changePercent == nil)
        let table = ProfileComparison.table(changes)
        #expect(table.split(separator: "\n").count == changes.count + 1)
        #expect(table.contains("gone"))
        #expect(table.contains("+0.0%"))
    }
}

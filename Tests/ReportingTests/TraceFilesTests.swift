import Documents
import Foundation
@testable import Reporting
import Testing
import TestSupport

@Suite("Trace files")
struct TraceFilesTests {
    @Test("calls.csv parses back to the document's numbers, awkward names included")
    func callsCSV() throws {
        let document = SampleTrace.renaming("render_sprites", to: "draw, \"hud\"", in: SampleTrace.make())
        let (header, rows) = try CSVReader.rows(CSVWriter.calls(document.functions))
        #expect(header == ["function", "version", "calls", "total_ns", "self_ns", "min_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns"])
        #expect(rows.count == document.functions.count && rows.count == 12)
        for (row, call) in zip(rows, document.functions) {
            #expect(row["function"] == call.function)
            #expect(Int(row["version"] ?? "") == call.version)
            #expect(UInt64(row["calls"] ?? "") == call.calls)
            #expect(UInt64(row["total_ns"] ?? "") == call.totalNanoseconds)
            #expect(UInt64(row["self_ns"] ?? "") == call.selfNanoseconds)
            #expect(UInt64(row["min_ns"] ?? "") == call.minimum)
            #expect(UInt64(row["p50_ns"] ?? "") == call.p50)
            #expect(UInt64(row["p90_ns"] ?? "") == call.p90)
            #expect(UInt64(row["p99_ns"] ?? "") == call.p99)
            #expect(UInt64(row["max_ns"] ?? "") == call.maximum)
        }
        #expect(rows.contains { $0["function"] == "draw, \"hud\"" })
    }

    /// A reader as flamegraph.pl's: frames split at `;`, the weight after the last space.
    private func parse(_ text: String) throws -> [(frames: [String], weight: UInt64)] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let space = try #require(line.lastIndex(of: " "))
            let weight = try #require(UInt64(line[line.index(after: space)...]))
            return (line[..<space].split(separator: ";", omittingEmptySubsequences: false).map(String.init), weight)
        }
    }

    @Test("stacks.folded: frames merged by function, weighed by self time in nanoseconds; a ';' or line break in a name cannot split a frame")
    func folded() throws {
        let document = SampleTrace.make()
        let text = FoldedStacks.text(document.stacks)
        #expect(text.hasSuffix("\n"))
        let lines = try parse(text)
        // Versions and lines are merged away: one line per path of functions, the weights adding up to all the self time.
        #expect(Set(lines.map { $0.frames.joined(separator: ";") }) == ["main;game_loop;update;physics_step", "main;game_loop;update",
                                                                       "main;game_loop;render_sprites", "audio_thread;mix_audio"])
        #expect(lines.reduce(0) { $0 + $1.weight } == document.stacks.reduce(0) { $0 + ($1.selfNanoseconds ?? 0) })
        let physics = document.stacks.filter { $0.frames.last?.hasPrefix("physics_step") ?? false }.reduce(0) { $0 + ($1.selfNanoseconds ?? 0) }
        #expect(text.contains("main;game_loop;update;physics_step \(physics)\n"))

        // A document without times weighs by count.
        let awkward = [
            FoldedStack(frames: ["main (game.vais:1)", "operator;add (math.vais:3)"], count: 7),
            FoldedStack(frames: ["two\nlines", ""], count: 2),
            FoldedStack(frames: ["never seen"], count: 0),
            FoldedStack(frames: [], count: 4),
        ]
        let stacks = try parse(FoldedStacks.text(awkward))
        #expect(stacks.map(\.frames) == [["main", "operator:add"], ["two lines", "[unknown]"]])
        #expect(stacks.map(\.weight) == [7, 2])
    }

    @Test("stacks.speedscope.json is a sampled speedscope profile whose samples and weights are the folded stacks")
    func speedscope() throws {
        let document = SampleTrace.make()
        let file = try #require(try JSONSerialization.jsonObject(with: SpeedscopeProfile.data(document)) as? [String: Any])
        #expect(file["$schema"] as? String == "https://www.speedscope.app/file-format-schema.json")
        let frames = try #require((file["shared"] as? [String: Any])?["frames"] as? [[String: Any]])
        let names = frames.compactMap { $0["name"] as? String }
        #expect(Set(names) == ["main", "game_loop", "update", "physics_step", "render_sprites", "audio_thread", "mix_audio"])
        let profile = try #require((file["profiles"] as? [[String: Any]])?.first)
        #expect(profile["type"] as? String == "sampled" && profile["unit"] as? String == "nanoseconds")
        let samples = try #require(profile["samples"] as? [[Int]])
        let weights = try #require(profile["weights"] as? [Int])
        #expect(samples.count == weights.count && samples.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 < frames.count } })
        #expect(UInt64(weights.reduce(0, +)) == document.stacks.reduce(0) { $0 + ($1.selfNanoseconds ?? 0) })
        #expect(profile["endValue"] as? Int == weights.reduce(0, +))
    }

    @Test("writes the six files, and trace-data.json reads back to the same document")
    func writeAndRead() throws {
        let scratch = try ScratchDirectory("trace-files")
        let folder = scratch.url
        let document = SampleTrace.make()
        try TraceReportWriter.write(document, to: folder)
        for file in [TraceReportWriter.jsonFile, TraceReportWriter.traceFile, TraceReportWriter.callsFile, TraceReportWriter.stacksFile,
                     TraceReportWriter.speedscopeFile, TraceReportWriter.htmlFile] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try TraceReportWriter.read(folder.appendingPathComponent(TraceReportWriter.jsonFile)) == document)
        let json = try String(contentsOf: folder.appendingPathComponent(TraceReportWriter.jsonFile), encoding: .utf8)
        #expect(json.contains("\n  \"calls\" : ["))  // pretty, keys sorted

        // A profile.json is not a trace; a newer schema says to update.
        try ReportWriter.write(SampleProfile.make(reloads: 2), to: folder)
        #expect { try TraceReportWriter.read(folder.appendingPathComponent(ReportWriter.profileFile)) } throws: { error in
            guard case .notThatDocument(_, .trace, _) = error as? DocumentError else { return false }
            return true
        }
        let newer = folder.appendingPathComponent("newer.json")
        try Data("{\"schemaVersion\": \(TraceDocument.currentSchemaVersion + 1)}".utf8).write(to: newer)
        #expect { try TraceReportWriter.read(newer) } throws: { error in
            guard case .newerSchema(_, .trace, let found) = error as? DocumentError else { return false }
            return found == TraceDocument.currentSchemaVersion + 1
        }
        #expect(throws: DocumentError.self) { try TraceReportWriter.read(folder.appendingPathComponent("missing.json")) }
    }
}

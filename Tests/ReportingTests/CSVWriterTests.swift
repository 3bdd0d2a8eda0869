import Documents
@testable import Reporting
import Testing

@Suite("CSV")
struct CSVWriterTests {
    @Test("reloads.csv parses back to the numbers of the JSON")
    func reloadsRoundTrip() throws {
        var document = SampleProfile.make()
        document.reloads[3].phases[.waitForCheck] = nil  // an absent phase is an empty field, not 0
        let (header, rows) = try CSVReader.rows(CSVWriter.reloads(document))
        #expect(header == ["version", "changed", "rebuilt", "detected_at_ns"] + Phase.allCases.map { "\($0.rawValue)_ns" }
            + ["total_ns", "overhead_ns", "rss_before_bytes", "rss_after_bytes"])
        #expect(rows.count == document.reloads.count)
        for (row, reload) in zip(rows, document.reloads) {
            #expect(row["version"] == "\(reload.version)")
            #expect(row["changed"]?.split(separator: ";").map(String.init) == reload.changed)
            #expect(row["rebuilt"]?.split(separator: ";").map(String.init) == reload.rebuilt ?? [])
            #expect(UInt64(row["detected_at_ns"] ?? "") == reload.detectedAt)
            for phase in Phase.allCases {
                #expect(UInt64(row["\(phase.rawValue)_ns"] ?? "") == reload.phases[phase])
            }
            #expect(UInt64(row["total_ns"] ?? "") == reload.total)
            #expect(UInt64(row["overhead_ns"] ?? "") == reload.overhead)
            #expect(UInt64(row["rss_before_bytes"] ?? "") == reload.rssBefore)
            #expect(UInt64(row["rss_after_bytes"] ?? "") == reload.rssAfter)
        }
        #expect(rows[3]["waitForCheck_ns"] == "")
    }

    @Test("reloads.csv names the functions each reload rebuilt; a profile from before partial reloads leaves the field empty")
    func rebuiltFunctions() throws {
        var document = SampleProfile.make(reloads: 3)
        document.reloads[0].rebuilt = ["render", "update"]
        document.reloads[1].rebuilt = ["update"]
        document.reloads[2].rebuilt = nil
        let (_, rows) = try CSVReader.rows(CSVWriter.reloads(document))
        #expect(rows.map { $0["rebuilt"] } == ["render;update", "update", ""])
    }

    @Test("memory.csv has a row per version per sample, the process row with an empty version")
    func memoryRoundTrip() throws {
        let document = SampleProfile.make()
        let (header, rows) = try CSVReader.rows(CSVWriter.memory(document))
        #expect(header == ["at_ns", "version", "rss_bytes", "mapped_bytes", "resident_bytes", "proportional_bytes"])
        #expect(rows.count == document.memory.count)
        for (row, sample) in zip(rows, document.memory) {
            #expect(UInt64(row["at_ns"] ?? "") == sample.at)
            #expect(row["version"] == (sample.version.map(String.init) ?? ""))
            #expect(UInt64(row["rss_bytes"] ?? "") == sample.rss)
            #expect(UInt64(row["mapped_bytes"] ?? "") == sample.mapped)
            #expect(UInt64(row["resident_bytes"] ?? "") == sample.resident)
            #expect(UInt64(row["proportional_bytes"] ?? "") == sample.proportional)
        }
    }

    @Test("fields with commas, quotes and line breaks are quoted (RFC 4180)")
    func quoting() throws {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(CSVWriter.field("cr\ronly") == "\"cr\ronly\"")
        let awkward = ["draw, \"hud\"", "line\nbreak", "crlf\r\nbreak"]
        let text = CSVWriter.table([["a", "b", "c"], awkward])
        #expect(text.hasSuffix("\r\n"))
        #expect(try CSVReader.records(text) == [["a", "b", "c"], awkward])
    }
}

import Documents


/// `reloads.csv` and `memory.csv` as RFC 4180 text: CRLF line ends, a
/// header row, and fields quoted only when they must be.
public enum CSVWriter {
    /// A row per reload: the changed functions, the hot functions it
    /// rebuilt (a partial reload's; empty in a profile from before partial
    /// reloads), when the change was seen, one column per phase in pipeline
    /// order (empty when the phase did not happen), then the totals and the
    /// process RSS around the load.
    public static func reloads(_ document: ProfileDocument) -> String {
        let header = ["version", "changed", "rebuilt", "detected_at_ns"] + Phase.allCases.map { "\($0.rawValue)_ns" }
            + ["total_ns", "overhead_ns", "rss_before_bytes", "rss_after_bytes"]
        let rows = document.reloads.map { reload in
            ["\(reload.version)", reload.changed.joined(separator: ";"), (reload.rebuilt ?? []).joined(separator: ";"), "\(reload.detectedAt)"]
                + Phase.allCases.map { reload.phases[$0].map(String.init) ?? "" }
                + ["\(reload.total)", "\(reload.overhead)", "\(reload.rssBefore)", "\(reload.rssAfter)"]
        }
        return table([header] + rows)
    }

    /// A row per sample per version; the process-wide row has an empty version.
    public static func memory(_ document: ProfileDocument) -> String {
        let header = ["at_ns", "version", "rss_bytes", "mapped_bytes", "resident_bytes", "proportional_bytes"]
        let rows = document.memory.map { sample in
            ["\(sample.at)", sample.version.map(String.init) ?? "", "\(sample.rss)", "\(sample.mapped)", "\(sample.resident)", "\(sample.proportional)"]
        }
        return table([header] + rows)
    }

    static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A field is quoted when it holds a comma, a quote or a line break;
    /// quotes inside are doubled.
    static func field(_ value: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and would match neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

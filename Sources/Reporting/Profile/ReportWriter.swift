import Documents
import Foundation

/// Writes a session's outputs, and reads a `profile.json` back so that
/// `vais-hot report` can rebuild them.
public enum ReportWriter {
    public static let profileFile = "profile.json"
    public static let reloadsFile = "reloads.csv"
    public static let memoryFile = "memory.csv"
    public static let htmlFile = "report.html"
    public static let traceFile = "trace.json"

    /// All five outputs into `folder`, created if needed.
    public static func write(_ document: ProfileDocument, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try profileJSON(document).write(to: folder.appendingPathComponent(profileFile), options: .atomic)
        try writeCSV(document, to: folder)
        try writeHTML(document, to: folder.appendingPathComponent(htmlFile))
        try writeTrace(document, to: folder.appendingPathComponent(traceFile))
    }

    /// `profile.json`: pretty and with sorted keys, so two profiles diff line by line.
    public static func profileJSON(_ document: ProfileDocument) throws -> Data {
        try DocumentJSON.encode(document)
    }

    public static func read(_ url: URL) throws(DocumentError) -> ProfileDocument {
        do {
            return try DocumentJSON.decode(ProfileDocument.self, from: url, currentSchema: ProfileDocument.currentSchemaVersion)
        } catch {
            throw DocumentError.reading(url.path, as: .profile, error)
        }
    }

    /// `report.html` with the package's targets; with `baseline`, a comparison section too.
    public static func writeHTML(_ document: ProfileDocument, to file: URL, baseline: ProfileDocument? = nil) throws {
        let html = HTMLReport.render(document, targets: try Targets.load(), baseline: baseline)
        try Data(html.utf8).write(to: file, options: .atomic)
    }

    /// `reloads.csv` and `memory.csv` into `folder`, created if needed.
    public static func writeCSV(_ document: ProfileDocument, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(CSVWriter.reloads(document).utf8).write(to: folder.appendingPathComponent(reloadsFile), options: .atomic)
        try Data(CSVWriter.memory(document).utf8).write(to: folder.appendingPathComponent(memoryFile), options: .atomic)
    }

    public static func writeTrace(_ document: ProfileDocument, to file: URL) throws {
        try ChromeTrace.data(document).write(to: file, options: .atomic)
    }
}

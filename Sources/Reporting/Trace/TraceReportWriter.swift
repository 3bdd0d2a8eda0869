import Documents
import Foundation

/// Writes what `vais-hot trace` recorded into one folder, and reads its
/// `trace-data.json` back so that the other files can be rendered again.
public enum TraceReportWriter {
    /// The document itself, from which every other file is rebuilt.
    public static let jsonFile = "trace-data.json"
    public static let traceFile = "trace.json"
    public static let callsFile = "calls.csv"
    public static let stacksFile = "stacks.folded"
    public static let speedscopeFile = "stacks.speedscope.json"
    public static let htmlFile = "trace.html"

    /// All six files into `folder`, created if needed.
    public static func write(_ document: TraceDocument, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files: [(String, Data)] = [
            (jsonFile, try DocumentJSON.encode(document)),
            (traceFile, try CallTrace.data(document)),
            (callsFile, Data(CSVWriter.calls(document.functions).utf8)),
            (stacksFile, Data(FoldedStacks.text(document.stacks).utf8)),
            (speedscopeFile, try SpeedscopeProfile.data(document)),
            (htmlFile, Data(TraceHTML.render(document).utf8)),
        ]
        for (name, data) in files {
            try data.write(to: folder.appendingPathComponent(name), options: .atomic)
        }
    }

    public static func read(_ url: URL) throws(DocumentError) -> TraceDocument {
        do {
            return try DocumentJSON.decode(TraceDocument.self, from: url, currentSchema: TraceDocument.currentSchemaVersion)
        } catch {
            throw DocumentError.reading(url.path, as: .trace, error)
        }
    }
}

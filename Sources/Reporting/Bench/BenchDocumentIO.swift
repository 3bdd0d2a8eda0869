import Documents
import Foundation

/// Reads and writes the JSON of a bench run (`vais-hot bench --out`, and
/// the CI baseline `reports/baseline.json`): pretty with sorted keys, so a
/// baseline update diffs line by line; read schema first, so a file from a
/// newer vais-hot says "update" and any other JSON says what it looks like.
public enum BenchFile {
    /// The document as it is written: pretty-printed, keys sorted.
    public static func data(_ document: BenchDocument) throws(DocumentError) -> Data {
        do {
            return try DocumentJSON.encode(document)
        } catch {
            // Only a non-finite number (NaN, infinity) can fail to encode.
            throw .unwritable(path: "bench JSON", reason: "a metric holds a value JSON cannot represent: \(error)")
        }
    }

    /// Writes `document` to `url` atomically, creating its folder if needed.
    public static func write(_ document: BenchDocument, to url: URL) throws(DocumentError) {
        let data = try data(document)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
    }

    public static func read(_ url: URL) throws(DocumentError) -> BenchDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, path: url.path)
    }

    /// A bench run from JSON; `path` only names it in errors.
    public static func decode(_ data: Data, path: String) throws(DocumentError) -> BenchDocument {
        let document: BenchDocument
        do {
            document = try DocumentJSON.decode(BenchDocument.self, from: data, currentSchema: BenchDocument.currentSchemaVersion)
        } catch {
            throw .reading(path, as: .bench, error, lookalike: lookalike(data))
        }
        guard document.schemaVersion >= 1 else {
            throw .notThatDocument(path: path, kind: .bench, reason: "schemaVersion \(document.schemaVersion) is not a bench schema")
        }
        return document
    }

    /// What a JSON file that is not a bench run probably is, for the files
    /// that end up next to bench runs in a CI artifacts folder.
    static func lookalike(_ data: Data) -> String? {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { return nil }
        if let array = json as? [[String: Any]], array.first?["value"] != nil, array.first?["name"] != nil {
            return "this is github-action-benchmark input, written from a bench run; the run itself is the file written with --out"
        }
        guard let object = json as? [String: Any] else { return nil }
        if object["reloads"] != nil { return "this is a profile.json from `vais-hot profile`" }
        if object["traceEvents"] != nil { return "this is a Chrome trace" }
        if object["functions"] != nil, object["sampleEvery"] != nil { return "this is a trace-data.json from `vais-hot trace`" }
        return nil
    }
}

/// The bench runs kept in one folder (CI artifacts, one JSON per run), for
/// the trend charts of `vais-hot report`.
public struct BenchHistory: Sendable, Equatable {
    /// A `.json` file in the folder that was left out, and why: the caller
    /// prints these, so that a mistyped file does not vanish silently.
    public struct Skipped: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var reason: String

        public var description: String { "skipped \(file): \(reason)" }
    }

    /// Oldest first, by `startedAt`.
    public var runs: [BenchDocument]
    public var skipped: [Skipped]

    public init(runs: [BenchDocument], skipped: [Skipped] = []) {
        self.runs = runs
        self.skipped = skipped
    }

    /// Every `*.json` bench run directly in `folder`, sorted by `startedAt`
    /// (then by file name). Files that are not bench runs, or are from a
    /// newer schema, are skipped with the reason; a run that appears twice
    /// (the baseline is usually a copy of one run) is kept once.
    public static func load(folder: URL) throws(DocumentError) -> BenchHistory {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadableFolder(path: folder.path, reason: error.localizedDescription)
        }
        var loaded: [(file: String, run: BenchDocument)] = []
        var skipped: [Skipped] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".json") {
            let url = folder.appendingPathComponent(name)
            do {
                let run = try BenchFile.read(url)
                if let earlier = loaded.first(where: { sameRun($0.run, run) }) {
                    skipped.append(Skipped(file: name, reason: "the same run as \(earlier.file)"))
                } else {
                    loaded.append((name, run))
                }
            } catch {
                skipped.append(Skipped(file: name, reason: reason(error)))
            }
        }
        // Each run's date parsed once, not in every comparison.
        let sorted = loaded.map { (date: startDate($0.run), file: $0.file, run: $0.run) }.sorted { a, b in
            if a.date != b.date { return a.date < b.date }
            return a.file < b.file
        }
        return BenchHistory(runs: sorted.map(\.run), skipped: skipped)
    }

    /// The runs to chart with `current` as the last one: an earlier copy of
    /// it (the history folder may already hold it) is dropped.
    public func ending(with current: BenchDocument) -> [BenchDocument] {
        runs.filter { !Self.sameRun($0, current) } + [current]
    }

    /// Two files of one run: equal but for the thresholds a baseline adds.
    static func sameRun(_ a: BenchDocument, _ b: BenchDocument) -> Bool {
        var (a, b) = (a, b)
        a.thresholds = nil
        b.thresholds = nil
        return a == b
    }

    /// `startedAt` as a date; a run whose time does not parse sorts first.
    static func startDate(_ run: BenchDocument) -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: run.startedAt) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: run.startedAt) ?? .distantPast
    }

    /// The reason without the path, which `Skipped.file` already names.
    private static func reason(_ error: DocumentError) -> String {
        switch error {
        case .notThatDocument(_, _, let reason): "not a bench run: \(reason)"
        case .newerSchema(_, let kind, let found): "\(kind.rawValue) schema \(found) is newer than this vais-hot reads (\(kind.currentSchema))"
        case .unreadable(_, let reason), .unwritable(_, let reason), .unreadableFolder(_, let reason): reason
        }
    }
}

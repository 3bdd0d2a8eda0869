import Documents
import Foundation

/// The documents vais-hot writes and reads back.
public enum DocumentKind: String, Sendable, Equatable {
    case profile, trace, bench

    /// The file as a user knows it.
    var fileName: String {
        switch self {
        case .profile: "profile.json"
        case .trace: "trace-data.json"
        case .bench: "bench run"
        }
    }

    /// What writes it, to say what to pass instead.
    var writer: String {
        switch self {
        case .profile: "the profile.json that `vais-hot profile` wrote"
        case .trace: "the trace-data.json that `vais-hot trace` wrote"
        case .bench: "a file that `vais-hot bench --out FILE.json` wrote"
        }
    }

    var currentSchema: Int {
        switch self {
        case .profile: ProfileDocument.currentSchemaVersion
        case .trace: TraceDocument.currentSchemaVersion
        case .bench: BenchDocument.currentSchemaVersion
        }
    }

    /// Which document a JSON object is, by its fields; nil for anything else.
    public static func of(_ data: Data) -> DocumentKind? {
        guard let keys = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]).map({ Set($0.keys) }) else { return nil }
        if keys.contains("metrics") && keys.contains("suite") { return .bench }
        if keys.contains("functions") && keys.contains("stacks") { return .trace }
        if keys.contains("reloads") { return .profile }
        return nil
    }
}

/// What went wrong reading or writing one of vais-hot's documents, said so
/// the user knows what to do. One type for all three kinds.
public enum DocumentError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notThatDocument(path: String, kind: DocumentKind, reason: String)
    case newerSchema(path: String, kind: DocumentKind, found: Int)
    case unwritable(path: String, reason: String)
    case unreadableFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .notThatDocument(let path, let kind, let reason):
            "\(path) is not a vais-hot \(kind.fileName) (\(reason)); pass \(kind.writer)"
        case .newerSchema(let path, let kind, let found):
            "\(path) uses \(kind.rawValue) schema \(found), newer than the \(kind.currentSchema) this vais-hot reads; update vais-hot"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        case .unreadableFolder(let path, let reason):
            "cannot list the bench runs in \(path): \(reason)"
        }
    }

    /// The error for `path` from a failed decode of a `kind` document.
    static func reading(_ path: String, as kind: DocumentKind, _ error: DocumentJSON.ReadFailure, lookalike: String? = nil) -> DocumentError {
        switch error {
        case .unreadable(let reason): .unreadable(path: path, reason: reason)
        case .newerSchema(let found): .newerSchema(path: path, kind: kind, found: found)
        case .malformed(let reason): .notThatDocument(path: path, kind: kind, reason: lookalike ?? reason)
        }
    }
}

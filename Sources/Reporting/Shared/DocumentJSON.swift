import Foundation

/// The JSON of the documents a session leaves behind (`profile.json`,
/// `trace-data.json`, a bench run): written pretty with sorted keys so that
/// two sessions diff line by line, and read back schema first, so that a
/// document from a newer vais-hot says "update" instead of failing somewhere
/// in its fields. Each writer turns a `ReadFailure` into its own error,
/// naming its file.
enum DocumentJSON {
    enum ReadFailure: Error {
        case unreadable(reason: String)
        case malformed(reason: String)
        case newerSchema(found: Int)
    }

    /// The one field every document has, decoded on its own first.
    private struct SchemaVersion: Decodable { var schemaVersion: Int }

    static func encode(_ document: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    static func decode<Document: Decodable>(_ type: Document.Type, from url: URL, currentSchema: Int) throws(ReadFailure) -> Document {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(reason: error.localizedDescription)
        }
        return try decode(type, from: data, currentSchema: currentSchema)
    }

    static func decode<Document: Decodable>(_ type: Document.Type, from data: Data, currentSchema: Int) throws(ReadFailure) -> Document {
        let schema: SchemaVersion
        do {
            schema = try JSONDecoder().decode(SchemaVersion.self, from: data)
        } catch {
            throw .malformed(reason: reason(error))
        }
        if schema.schemaVersion > currentSchema { throw .newerSchema(found: schema.schemaVersion) }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .malformed(reason: reason(error))
        }
    }

    /// A decoding error in a sentence that names the field, such as
    /// "no field `metrics`" or "`metrics[2].median`: expected a number",
    /// instead of the coding keys and contexts `String(describing:)` gives.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { path, key in
                if let index = key.intValue { return path + "[\(index)]" }
                return path.isEmpty ? key.stringValue : path + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "no field `\(key.stringValue)`" + (parent.isEmpty ? "" : " in `\(parent)`")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "the document" : "`\(at)`") + ": expected \(expected(type))"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            // JSONSerialization's message ("The given data was not valid JSON.") is the useful part.
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
            return (at.isEmpty ? "" : "`\(at)`: ") + detail
        @unknown default:
            return String(describing: error)
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Double.Type, is UInt64.Type, is Int64.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a \(name)"
        }
    }
}

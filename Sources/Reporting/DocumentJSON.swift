import Foundation

/// The JSON of the documents a session leaves behind (`profile.json`,
/// `trace-data.json`): written pretty with sorted keys so that two sessions
/// diff line by line, and read back schema first, so that a document from a
/// newer vais-hot says "update" instead of failing somewhere in its fields.
/// Each writer turns a `ReadFailure` into its own error, naming its file.
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
        let schema: SchemaVersion
        do {
            schema = try JSONDecoder().decode(SchemaVersion.self, from: data)
        } catch {
            throw .malformed(reason: String(describing: error))
        }
        if schema.schemaVersion > currentSchema { throw .newerSchema(found: schema.schemaVersion) }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .malformed(reason: String(describing: error))
        }
    }
}

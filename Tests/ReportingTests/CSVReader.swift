/// An RFC 4180 reader for the tests: quoted fields may hold commas, quotes
/// (doubled) and line breaks; records end with CRLF or LF.
enum CSVReader {
    struct Malformed: Error { var reason: String }

    static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar != "\"" { field.unicodeScalars.append(scalar); continue }
                if scalars.first == "\"" { scalars.removeFirst(); field += "\"" } else { quoted = false }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty else { throw Malformed(reason: "quote inside an unquoted field: \(field)") }
                quoted = true
            case ",":
                record.append(field); field = ""
            case "\r":
                guard scalars.first == "\n" else { throw Malformed(reason: "CR without LF") }
            case "\n":
                record.append(field); field = ""
                records.append(record); record = []
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Malformed(reason: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// The records after the header, each as a dictionary by column name.
    static func rows(_ text: String) throws -> (header: [String], rows: [[String: String]]) {
        let all = try records(text)
        guard let header = all.first else { throw Malformed(reason: "no header") }
        let rows = try all.dropFirst().map { record in
            guard record.count == header.count else { throw Malformed(reason: "\(record.count) fields, header has \(header.count)") }
            return Dictionary(uniqueKeysWithValues: zip(header, record))
        }
        return (header, rows)
    }
}

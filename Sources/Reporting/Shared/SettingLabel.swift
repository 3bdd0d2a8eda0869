import Documents


/// A session setting as a reader wants it: `retainedVersions` 3 reads
/// "retained versions: 3", `debounceMilliseconds` 100 reads "debounce:
/// 100 ms". Keys keep a unit as their last word so the JSON stays plain
/// numbers; the page puts the unit after the number.
enum SettingLabel {
    private static let units = [("Milliseconds", "ms"), ("Nanoseconds", "ns"), ("Bytes", "bytes")]

    static func text(_ key: String, _ value: SettingValue) -> String {
        for (suffix, unit) in units where key.hasSuffix(suffix) && key.count > suffix.count {
            return words(String(key.dropLast(suffix.count))) + ": \(value) \(unit)"
        }
        return words(key) + ": \(value)"
    }

    /// `retainedVersions` → `retained versions`.
    static func words(_ key: String) -> String {
        var text = ""
        for character in key {
            if character.isUppercase, !text.isEmpty { text += " " }
            text += character.lowercased()
        }
        return text
    }
}

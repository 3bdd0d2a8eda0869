import Documents


/// A frame of a sampled stack as the tracer names it, taken apart: callers
/// are `update (game.vais:42)`, the traced call on top `physics_step [v2]`,
/// an address that could not be named `0x…`. Reports merge frames by
/// `function` and show the line and version as details.
struct StackFrame: Equatable {
    var function: String
    var file: String?
    var line: Int?
    var version: Int?

    init(_ text: String) {
        var name = Substring(text)
        if name.hasSuffix("]"), let open = name.range(of: " [v", options: .backwards), let number = Int(name[open.upperBound...].dropLast()) {
            version = number
            name = name[..<open.lowerBound]
        }
        if name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) {
            let place = name[open.upperBound...].dropLast()
            if let colon = place.lastIndex(of: ":"), let number = Int(place[place.index(after: colon)...]) {
                file = String(place[..<colon])
                line = number
                name = name[..<open.lowerBound]
            }
        }
        function = name.isEmpty ? "[unknown]" : String(name)
    }

    /// The line and version as a reader wants them beside the name: `game.vais:42`, `v2`.
    var details: [String] {
        var parts: [String] = []
        if let file, let line { parts.append("\(file):\(line)") }
        if let version { parts.append("v\(version)") }
        return parts
    }
}

extension FoldedStack {
    /// What the stack weighs in a flame graph: its leaf calls' own time when
    /// the tracer recorded it, else how often it was seen.
    var weight: UInt64 { selfNanoseconds ?? count }
}

extension Array where Element == FoldedStack {
    /// Whether every stack carries time (a document of this vais-hot), so
    /// weights are nanoseconds rather than sample counts.
    var weighsTime: Bool { !isEmpty && allSatisfy { $0.selfNanoseconds != nil } }
}

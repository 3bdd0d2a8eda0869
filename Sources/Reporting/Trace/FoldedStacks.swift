import Documents


/// `stacks.folded`: collapsed stacks as Brendan Gregg's flamegraph.pl and
/// speedscope read them, one line per stack, `outer;inner;leaf WEIGHT`,
/// frames merged by function as the page's flame graph draws them. The
/// weight is the leaf calls' own time in nanoseconds (or, for a document
/// of an older vais-hot without times, how often the stack was seen), so
/// flamegraph.pl draws widths by time. Readers split frames at `;` and
/// take the weight after the last space, so frames may hold spaces but not
/// a `;` or a line break.
public enum FoldedStacks {
    public static func text(_ stacks: [FoldedStack]) -> String {
        let byTime = stacks.weighsTime
        var merged: [String: UInt64] = [:]
        var order: [String] = []
        // A stack seen zero times or with no frames adds nothing to a flame graph.
        for stack in stacks where stack.count > 0 && !stack.frames.isEmpty {
            let line = stack.frames.map { frame(StackFrame($0).function) }.joined(separator: ";")
            if merged[line] == nil { order.append(line) }
            merged[line, default: 0] += byTime ? stack.weight : stack.count
        }
        return order.filter { merged[$0] ?? 0 > 0 }.map { "\($0) \(merged[$0] ?? 0)\n" }.joined()
    }

    /// A frame as it can stand in a line: `;` becomes `:` (as perf's
    /// stackcollapse-perf.pl does), line breaks become spaces, and an empty
    /// name becomes `[unknown]` so the stack keeps its depth.
    static func frame(_ name: String) -> String {
        guard !name.isEmpty else { return "[unknown]" }
        var cleaned = ""
        cleaned.unicodeScalars.append(contentsOf: name.unicodeScalars.map { scalar in
            switch scalar {
            case ";": ":"
            case "\r", "\n": " "
            default: scalar
            }
        })
        return cleaned
    }
}

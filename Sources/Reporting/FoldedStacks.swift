import Profiling

/// `stacks.folded`: collapsed stacks as Brendan Gregg's flamegraph.pl and
/// speedscope read them, one line per stack, `outer;inner;leaf COUNT`.
/// Readers split frames at `;` and take the count after the last space,
/// so frames may hold spaces and parentheses (`update (game.vais:42)`)
/// but not a `;` or a line break.
public enum FoldedStacks {
    public static func text(_ stacks: [FoldedStack]) -> String {
        // A stack seen zero times or with no frames adds nothing to a flame graph.
        stacks.filter { $0.count > 0 && !$0.frames.isEmpty }
            .map { $0.frames.map(frame).joined(separator: ";") + " \($0.count)\n" }
            .joined()
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

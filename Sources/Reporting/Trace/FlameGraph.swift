import Documents


/// The flame graph of `trace.html` as inline SVG, drawn from the sampled
/// stacks as flamegraph.pl draws them: everything at the bottom, each
/// frame above its caller, siblings in name order so the same stacks always
/// draw the same way. A frame's width is its share of the **time**: each
/// sampled stack weighs its leaf call's own (self) time, so a function
/// called 2,000 times for 10 ns is narrower than one called 20 times for a
/// millisecond (documents of an older vais-hot, without times, weigh by
/// sample count and say so). Frames are merged by function: `main` is one
/// box however many lines and versions its samples came through; hovering
/// a frame lists them, with its time and sample count.
enum FlameGraph {
    static let width = 960.0
    static let frameHeight = 18.0
    /// Labels are 11-unit monospace (about 0.6 em per character); a little
    /// more, so that a truncated label never runs past its frame.
    static let characterWidth = 6.8
    /// Frames narrower than this would be under a pixel wide: they, and the
    /// frames above them, are left out.
    static let minimumWidth = 0.3

    /// A function merged over all stacks that pass through it at one place
    /// in the tree. Children are indices into the graph's node list.
    private struct Node {
        var name: String
        var weight: UInt64 = 0
        var samples: UInt64 = 0
        /// Lines and versions seen, for the tooltip.
        var details: Set<String> = []
        var children: [String: Int] = [:]
    }

    /// The SVG, or nil when no stack was sampled.
    static func svg(_ stacks: [FoldedStack]) -> String? {
        let byTime = stacks.weighsTime
        var nodes = [Node(name: "all")]
        for stack in stacks where stack.count > 0 {
            let weight = byTime ? stack.weight : stack.count
            var current = 0
            nodes[0].weight += weight
            nodes[0].samples += stack.count
            for text in stack.frames {
                let frame = StackFrame(text)
                if let next = nodes[current].children[frame.function] {
                    current = next
                } else {
                    nodes.append(Node(name: frame.function))
                    nodes[current].children[frame.function] = nodes.count - 1
                    current = nodes.count - 1
                }
                nodes[current].weight += weight
                nodes[current].samples += stack.count
                nodes[current].details.formUnion(frame.details)
            }
        }
        let total = Double(nodes[0].weight)
        guard total > 0 else { return nil }

        var frames: [(node: Node, x: Double, width: Double, depth: Int)] = []
        func place(_ index: Int, x: Double, depth: Int) {
            let node = nodes[index]
            let frameWidth = Double(node.weight) / total * width
            guard frameWidth >= minimumWidth else { return }
            frames.append((node, x, frameWidth, depth))
            var childX = x
            for child in node.children.sorted(by: { $0.key < $1.key }).map(\.value) {
                place(child, x: childX, depth: depth + 1)
                childX += Double(nodes[child].weight) / total * width
            }
        }
        place(0, x: 0, depth: 0)

        let height = Double((frames.map(\.depth).max() ?? 0) + 1) * frameHeight
        var svg = "<svg class=\"chart flame\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Flame graph of the sampled callers' stacks\">"
        for frame in frames {
            let y = height - Double(frame.depth + 1) * frameHeight
            let share = String(format: "%.1f%%", Double(frame.node.weight) / total * 100)
            let amount = byTime ? Units.duration(frame.node.weight) + " self time below it, " : ""
            let seen = frame.node.details.isEmpty ? "" : "; seen at " + frame.node.details.sorted().joined(separator: ", ")
            let title = "\(frame.node.name) — \(amount)\(share), \(frame.node.samples) sample\(frame.node.samples == 1 ? "" : "s")\(seen)"
            svg += "<rect x=\"\(svgNumber(frame.x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(max(frame.width - 0.5, 0.1)))\" "
                + "height=\"\(svgNumber(frameHeight - 1))\" rx=\"2\" fill=\"\(frame.depth == 0 ? "#d0d7de" : color(frame.node.name))\">"
                + "<title>\(title.htmlEscaped)</title></rect>"
            if let text = label(frame.node.name, width: frame.width) {
                svg += "<text x=\"\(svgNumber(frame.x + 3))\" y=\"\(svgNumber(y + frameHeight / 2))\" dominant-baseline=\"middle\">\(text.htmlEscaped)</text>"
            }
        }
        return svg + "</svg>"
    }

    /// The name cut to what fits in `width`, ending in "…" when cut; nil
    /// when not even a few characters fit.
    static func label(_ name: String, width: Double) -> String? {
        let fits = Int((width - 6) / characterWidth)
        guard fits >= 3 else { return nil }
        return name.count <= fits ? name : String(name.prefix(fits - 1)) + "…"
    }

    /// A warm colour that depends only on the name (FNV-1a), so a function
    /// keeps its colour wherever it appears and from one report to the next.
    static func color(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let red = 205 + hash % 50, green = 80 + (hash >> 8) % 150, blue = 40 + (hash >> 16) % 50
        return "rgb(\(red),\(green),\(blue))"
    }
}

import Profiling

/// The flame graph of `trace.html` as inline SVG, drawn from the sampled
/// stacks as flamegraph.pl draws them: all samples at the bottom, each
/// frame above its caller, a frame's width its share of the samples, and
/// siblings in name order so the same stacks always draw the same way.
/// Hovering a frame shows its name and count.
enum FlameGraph {
    static let width = 960.0
    static let frameHeight = 18.0
    /// Labels are 11-unit monospace (about 0.6 em per character); a little
    /// more, so that a truncated label never runs past its frame.
    static let characterWidth = 6.8
    /// Frames narrower than this would be under a pixel wide: they, and the
    /// frames above them, are left out.
    static let minimumWidth = 0.3

    /// A frame merged over all stacks that pass through it. Children are
    /// indices into the graph's node list.
    private struct Node {
        var name: String
        var count: UInt64 = 0
        var children: [String: Int] = [:]
    }

    /// The SVG, or nil when no stack was sampled.
    static func svg(_ stacks: [FoldedStack]) -> String? {
        var nodes = [Node(name: "all")]
        for stack in stacks where stack.count > 0 {
            var current = 0
            nodes[0].count += stack.count
            for frame in stack.frames {
                if let next = nodes[current].children[frame] {
                    current = next
                } else {
                    nodes.append(Node(name: frame))
                    nodes[current].children[frame] = nodes.count - 1
                    current = nodes.count - 1
                }
                nodes[current].count += stack.count
            }
        }
        let total = Double(nodes[0].count)
        guard total > 0 else { return nil }

        var frames: [(node: Node, x: Double, width: Double, depth: Int)] = []
        func place(_ index: Int, x: Double, depth: Int) {
            let node = nodes[index]
            let frameWidth = Double(node.count) / total * width
            guard frameWidth >= minimumWidth else { return }
            frames.append((node, x, frameWidth, depth))
            var childX = x
            for child in node.children.sorted(by: { $0.key < $1.key }).map(\.value) {
                place(child, x: childX, depth: depth + 1)
                childX += Double(nodes[child].count) / total * width
            }
        }
        place(0, x: 0, depth: 0)

        let height = Double((frames.map(\.depth).max() ?? 0) + 1) * frameHeight
        var svg = "<svg class=\"chart flame\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Flame graph of the sampled callers' stacks\">"
        for frame in frames {
            let y = height - Double(frame.depth + 1) * frameHeight
            let samples = frame.node.count
            let share = String(format: "%.1f%%", Double(samples) / total * 100)
            svg += "<rect x=\"\(svgNumber(frame.x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(max(frame.width - 0.5, 0.1)))\" "
                + "height=\"\(svgNumber(frameHeight - 1))\" rx=\"2\" fill=\"\(frame.depth == 0 ? "#d0d7de" : color(frame.node.name))\">"
                + "<title>\(frame.node.name.htmlEscaped) — \(samples) sample\(samples == 1 ? "" : "s"), \(share)</title></rect>"
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

/// A closure is named by its place in its function (`make.closure0`), so a
/// closure inserted before it renames it. When the two have the same
/// captures and signature, nothing else in the manifest changes, and
/// values made earlier would run the inserted closure's body. The manifest
/// keeps a digest of each closure's source (`source NAME`): a closure
/// whose source left its name and turned up under another one moved.
extension ABIManifest {
    /// The closures of hot functions, by the function that holds them: each
    /// one's index and source digest.
    private var closureSources: [Substring: [Int: String]] {
        var byFunction: [Substring: [Int: String]] = [:]
        for (key, digest) in entries where key.hasPrefix("source ") {
            let name = key.dropFirst(7)
            guard let marker = name.range(of: ".closure", options: .backwards),
                  let index = Int(name[marker.upperBound...]) else { continue }
            byFunction[name[..<marker.lowerBound], default: [:]][index] = digest
        }
        return byFunction
    }

    /// Refusals for the closures whose source sits under another name in
    /// `newer`, when their own name now holds other source.
    func movedClosures(in newer: ABIManifest) -> [String] {
        let after = newer.closureSources
        var refusals: [String] = []
        for (function, before) in closureSources.sorted(by: { $0.key < $1.key }) {
            guard let now = after[function] else { continue }
            for (index, digest) in before.sorted(by: { $0.key < $1.key }) where now[index] != digest {
                guard let moved = now.filter({ $0.value == digest && $0.key != index }).map(\.key).min() else { continue }
                let name = "\(function).closure\(index)"
                refusals.append("closure `\(name)` now sits at `\(function).closure\(moved)`, unchanged: values of `\(name)` made earlier "
                    + "would run the code now written in its place\(Self.closureHint(name))")
            }
        }
        return refusals
    }

    /// This (running host's) manifest with the closure sources of `part`, a
    /// version now loaded, which later parts are compared with.
    public func adoptingClosureSources(of part: ABIManifest) -> ABIManifest {
        var adopted = entries.filter { !$0.key.hasPrefix("source ") }
        for (key, value) in part.entries where key.hasPrefix("source ") { adopted[key] = value }
        return ABIManifest(entries: adopted)
    }
}

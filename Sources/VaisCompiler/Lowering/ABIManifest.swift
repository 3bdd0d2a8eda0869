/// What a part of a split program assumes about the rest: hot function
/// signatures, struct and enum layouts, globals, and the host functions it
/// may call. The loader compares a new hot part's manifest with the running
/// host's before `dlopen`, so an edit the running program cannot take is
/// refused with a message instead of corrupting memory.
public struct ABIManifest: Sendable, Equatable {
    /// `kind name` to its description, e.g. `hot step` to `(*State) -> ()`.
    public private(set) var entries: [String: String]

    static let header = "vais-abi 1"
    /// Present when the part was checked with `--lenient-mutability`.
    public static let lenientMutabilityKey = "option lenient-mutability"

    public init(entries: [String: String]) {
        self.entries = entries
    }

    /// Reads the text form written into the ELF section.
    public init?(text: String) {
        // Split on the bytes, not on Characters: every reload reads a new
        // part's manifest (kilobytes), and grapheme breaking cost about
        // 600 instructions a byte.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first, Substring(first) == Substring(Self.header) else { return nil }
        var entries: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
            entries[String(Substring(line[..<tab]))] = String(Substring(line[line.index(after: tab)...]))
        }
        self.entries = entries
    }

    /// The hot functions the manifest names, with the symbols the split
    /// gives them.
    public var hotFunctions: [HotFunctionInfo] {
        entries.keys.filter { $0.hasPrefix("hot ") }.sorted().map { key in
            let name = String(key.dropFirst(4))
            return HotFunctionInfo(name: name, hotSymbol: HotSplit.hotSymbol(named: name), slotSymbol: HotSplit.slotSymbol(named: name))
        }
    }

    public var text: String {
        ([Self.header] + entries.keys.sorted().map { "\($0)\t\(entries[$0] ?? "")" }).joined(separator: "\n") + "\n"
    }

    /// What keeps a hot part built from the newer source from running
    /// against a host built from this one, and what it leaves unapplied.
    public struct Comparison: Sendable, Equatable {
        /// Changes the running program cannot take: the reload is refused.
        public var refusals: [String] = []
        /// Changes that will not take effect until a restart.
        public var warnings: [String] = []
    }

    public func compare(with newer: ABIManifest) -> Comparison {
        var result = Comparison()
        for key in Set(entries.keys).union(newer.entries.keys).sorted() {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let (kind, name) = (parts[0], parts[1])
            let old = entries[key]
            let new = newer.entries[key]
            guard old != new else { continue }
            switch (kind, old, new) {
            case (_, nil, _) where (kind == "hot" || kind == "function") && newer.entries["local \(name)"] != nil:
                // New, and defined by the hot part itself: only hot code calls it.
                continue
            case ("hot", nil, _) where newer.entries["spare \(name)"] != nil:
                // New, and given a spare slot (`HotPartSpares`), compared as `spare`.
                continue
            case ("hot", nil, _):
                result.refusals.append("hot function `\(name)` is new: the running program has no slot for it; restart to add it")
            case ("hot", _, nil) where entries["closure \(name)"] == nil:
                // Its slot keeps the last version's code, which the running host's own calls of it (if any) still reach.
                result.warnings.append("hot function `\(name)` was removed or is no longer #[hot]: calls from code built before keep its last version until a restart")
            case ("hot", _, nil):
                result.refusals.append("hot function `\(name)` was removed or is no longer #[hot]\(Self.closureHint(name))")
            case ("hot", let old?, let new?):
                result.refusals.append("hot function `\(name)` changed its signature from \(old) to \(new)\(Self.closureHint(name))")
            case ("struct", let old?, let new?), ("enum", let old?, let new?):
                result.refusals.append("\(kind) `\(name)` changed its layout: \(Self.layoutChange(old, new))")
            case ("struct", _, nil), ("enum", _, nil):
                result.refusals.append("\(kind) `\(name)` was removed")
            case ("struct", nil, _), ("enum", nil, _):
                continue
            case ("closure", let old?, let new?):
                result.refusals.append("closure `\(name)` changed what it captures: \(Self.layoutChange(old, new)); closures made by the running version would read the old environment\(Self.closureHint(name))")
            case ("spare", _, _):
                compareSpare(name, old: old, new: new, into: &result)
            case ("closure", _, _):
                // New or gone with its hot function, which says so.
                continue
            case ("source", _, _):
                // An edit of a closure; moved closures are found below.
                continue
            case ("global", nil, _):
                result.refusals.append("global `\(name)` is new: globals live in the running host; restart to add it")
            case ("global", _, nil):
                result.refusals.append("global `\(name)` was removed")
            case ("global", let old?, let new?):
                result.refusals.append("global `\(name)` changed its type from \(old) to \(new)")
            case ("function", nil, _):
                result.refusals.append("function `\(name)` is new and not #[hot]: only #[hot] functions can change while running; restart to add it")
            case ("function", _, nil):
                result.warnings.append("function `\(name)` was removed from the source but stays in the running program until a restart")
            case ("function", let old?, let new?):
                result.refusals.append("function `\(name)` (not #[hot]) changed its signature from \(old) to \(new); restart to apply it")
            case ("body", _, _) where newer.entries["local \(name)"] != nil:
                continue
            case ("local", _, _), ("option", _, _):
                continue
            case ("body", _, _):
                result.warnings.append("`\(name)` changed but is not #[hot]: the change takes effect after a restart")
            default:
                result.refusals.append("`\(key)` changed from \(old ?? "nothing") to \(new ?? "nothing")")
            }
        }
        result.refusals += movedClosures(in: newer)
        return result
    }

    /// Names the fields (or variants) that differ between two layouts
    /// written as `size=N; a: T @0; b: U @8`.
    static func layoutChange(_ old: String, _ new: String) -> String {
        func members(_ text: String) -> [(String, String)] {
            text.split(separator: ";").dropFirst().map { member in
                let trimmed = member.trimmingCharacters(in: " ")
                let name = trimmed.prefix { $0 != ":" && $0 != "(" }
                return (String(name), trimmed)
            }
        }
        let before = members(old)
        let after = members(new)
        var changes: [String] = []
        for (name, description) in after where !before.contains(where: { $0.0 == name }) {
            changes.append("`\(name)` was added (\(description))")
        }
        for (name, description) in before {
            if let match = after.first(where: { $0.0 == name }) {
                if match.1 != description { changes.append("`\(name)` changed from \(description) to \(match.1)") }
            } else {
                changes.append("`\(name)` was removed")
            }
        }
        if changes.isEmpty { changes.append("the order of its members changed") }
        return changes.joined(separator: ", ")
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(self).trimmingCharacters(in: character)
    }
}

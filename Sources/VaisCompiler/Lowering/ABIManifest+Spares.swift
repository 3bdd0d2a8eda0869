/// The manifest's record of spare slots (`HotPartSpares`): the host's
/// `option spare-slots` says how many it has; a hot part's `spare NAME`
/// entry (`INDEX SIGNATURE`) says which spare a function added while the
/// program runs holds, and with what signature. The reloader adds a loaded
/// part's `spare` entries (and its closures' capture layouts) to the
/// running host's manifest, so every later part keeps the same spare and
/// is checked against what the first one assumed.
extension ABIManifest {
    /// How many spare slots the host has (none for a host built before spares).
    public var spareCapacity: Int {
        entries[HotSplit.spareSlotsKey].flatMap { Int($0) } ?? 0
    }

    /// Each function in a spare slot, by name, and its spare's index.
    public var spareOwners: [String: Int] {
        var owners: [String: Int] = [:]
        for (key, value) in entries where key.hasPrefix("spare ") {
            if let index = Self.spareIndex(value) { owners[String(key.dropFirst(6))] = index }
        }
        return owners
    }

    /// A host's manifest, saying it has `count` spare slots.
    func withSpareCapacity(_ count: Int) -> ABIManifest {
        var result = entries
        result[HotSplit.spareSlotsKey] = String(count)
        return ABIManifest(entries: result)
    }

    static func spareEntry(index: Int, signature: String) -> String { "\(index) \(signature)" }

    static func spareIndex(_ entry: String) -> Int? { Int(entry.prefix { $0 != " " }) }

    private static func spareSignature(_ entry: String) -> Substring { entry.drop { $0 != " " }.dropFirst() }

    /// This (running host's) manifest with the spares `part` took added,
    /// and the capture layouts of the closures among them, which later
    /// parts are compared with.
    public func adoptingSpares(of part: ABIManifest) -> ABIManifest {
        var adopted = entries
        for (key, value) in part.entries where key.hasPrefix("spare ") && adopted[key] == nil {
            adopted[key] = value
            let closure = "closure " + key.dropFirst(6)
            if let layout = part.entries[closure] { adopted[closure] = layout }
        }
        return ABIManifest(entries: adopted)
    }

    /// What a newer part's `spare NAME` entry means against this running
    /// manifest's: a refusal, a warning, or nothing.
    func compareSpare(_ name: String, old: String?, new: String?, into result: inout Comparison) {
        switch (old, new) {
        case (nil, let new?):
            let index = Self.spareIndex(new) ?? -1
            if index < 0 || index >= spareCapacity || spareOwners.values.contains(index) {
                result.refusals.append("`\(name)` was built for spare slot \(index), which the running program does not have free; restart")
            }
        case (let old?, let new?) where Self.spareIndex(old) != Self.spareIndex(new):
            result.refusals.append("`\(name)` was built for spare slot \(Self.spareIndex(new) ?? -1) but holds spare slot \(Self.spareIndex(old) ?? -1); restart")
        case (let old?, let new?):
            let advice = name.contains(".closure") ? Self.closureHint(name) : "; restart to apply it"
            result.refusals.append("`\(name)` changed its signature from \(Self.spareSignature(old)) to \(Self.spareSignature(new)): function values "
                + "of it made earlier would be called the old way\(advice)")
        case (_?, nil) where entries["closure \(name)"] != nil:
            result.refusals.append("closure `\(name)` was removed\(Self.closureHint(name))")
        case (_?, nil):
            result.warnings.append("function `\(name)` was removed: function values of it made earlier keep running its last version until a restart")
        case (nil, nil):
            break
        }
    }

    /// For a closure, what to do when an edit renamed it: closures are named
    /// by their place in their function.
    static func closureHint(_ name: String) -> String {
        guard name.contains(".closure") else { return "" }
        return "; closures are named by their place in their function, so inserting or removing one before it renames it: "
            + "add new closures after the existing ones, or restart"
    }
}

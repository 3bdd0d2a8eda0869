/// The locals in scope while a function body is checked: one flat stack of
/// names, newest last, with a mark where each block's scope begins. Lookup
/// scans back from the newest, so the nearest declaration wins (shadowing);
/// a function's few dozen names cost less to compare than to hash, and a
/// block costs no dictionary of its own.
struct LocalScopes {
    private var names: [String] = []
    private var locals: [LocalID] = []
    private var marks: [Int] = []

    /// Empties the stack and opens one scope, for the next function's
    /// parameters, keeping the storage: a thousand small functions would
    /// otherwise grow three fresh arrays each.
    mutating func reopen() {
        truncate(to: 0)
        marks.removeAll(keepingCapacity: true)
        push()
    }

    mutating func push() {
        marks.append(names.count)
    }

    mutating func pop() {
        guard let mark = marks.popLast() else { return }
        truncate(to: mark)
    }

    /// One element at a time: `removeSubrange` and `removeAll` go through
    /// the general `replaceSubrange`, which costs more than the few names
    /// a block declares.
    private mutating func truncate(to count: Int) {
        while names.count > count {
            names.removeLast()
            locals.removeLast()
        }
    }

    mutating func declare(_ name: String, _ local: LocalID) {
        if marks.isEmpty { push() }
        names.append(name)
        locals.append(local)
    }

    func lookup(_ name: String) -> LocalID? {
        lookupWithPosition(name)?.local
    }

    /// How many names are in scope: a closure's body sees the names below
    /// this mark as captures.
    var count: Int { names.count }

    /// The local a name refers to, and its position in the stack.
    func lookupWithPosition(_ name: String) -> (local: LocalID, position: Int)? {
        var index = names.count
        while index > 0 {
            index -= 1
            if names[index] == name { return (locals[index], index) }
        }
        return nil
    }
}

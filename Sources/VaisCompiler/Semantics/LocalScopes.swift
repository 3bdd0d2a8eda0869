/// The locals in scope while a function body is checked: one flat stack of
/// names, newest last, with a mark where each block's scope begins. Lookup
/// scans back from the newest, so the nearest declaration wins (shadowing);
/// a function's few dozen names cost less to compare than to hash, and a
/// block costs no dictionary of its own.
struct LocalScopes {
    private var names: [String] = []
    private var locals: [LocalID] = []
    /// How many entries of `names` and `locals` are in scope. Those past it
    /// are left over from closed scopes and overwritten by the next names
    /// declared: the storage is kept from block to block and from function
    /// to function, and closing a scope removes nothing.
    private var top = 0
    private var marks: [Int] = []

    /// Empties the stack and opens one scope, for the next function's
    /// parameters.
    mutating func reopen() {
        top = 0
        marks.removeAll(keepingCapacity: true)
        push()
    }

    mutating func push() {
        marks.append(top)
    }

    mutating func pop() {
        guard let mark = marks.popLast() else { return }
        top = mark
    }

    mutating func declare(_ name: String, _ local: LocalID) {
        if marks.isEmpty { push() }
        if top < names.count {
            names[top] = name
            locals[top] = local
        } else {
            names.append(name)
            locals.append(local)
        }
        top += 1
    }

    func lookup(_ name: String) -> LocalID? {
        lookupWithPosition(name)?.local
    }

    /// How many names are in scope: a closure's body sees the names below
    /// this mark as captures.
    var count: Int { top }

    /// The local a name refers to, and its position in the stack.
    func lookupWithPosition(_ name: String) -> (local: LocalID, position: Int)? {
        var index = top
        while index > 0 {
            index -= 1
            if names[index] == name { return (locals[index], index) }
        }
        return nil
    }
}

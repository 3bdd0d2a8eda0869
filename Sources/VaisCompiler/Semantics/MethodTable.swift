/// A method as the checker finds it: the type it belongs to and its name.
struct MethodKey: Equatable {
    let owner: TypeID
    let name: String
}

/// Every type's methods, in one table keyed by type and name: a dictionary
/// per type grew (and was hashed with SipHash) method by method, for each
/// of the hundreds of specializations a generic program makes.
struct MethodTable {
    private var table = HashedTable<MethodKey, FunctionID>()

    subscript(owner: TypeID, name: String) -> FunctionID? {
        get { table[MethodKey(owner: owner, name: name), hash: NameHash.combine(NameHash.of(name), owner.raw)] }
        set { table[MethodKey(owner: owner, name: name), hash: NameHash.combine(NameHash.of(name), owner.raw)] = newValue }
    }
}

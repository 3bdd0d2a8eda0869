/// A set of small indices (a struct's fields given, an enum's variants
/// covered): those below 64 as bits, any past them in a set. An array of
/// flags or a set cost an allocation for each literal or match.
struct IndexFlags {
    private var low: UInt64 = 0
    private var high: Set<Int> = []

    /// False when `index` was in already.
    @discardableResult
    mutating func insert(_ index: Int) -> Bool {
        guard index < 64 else { return high.insert(index).inserted }
        let bit = UInt64(1) << UInt64(index)
        defer { low |= bit }
        return low & bit == 0
    }

    func contains(_ index: Int) -> Bool {
        index < 64 ? low & (UInt64(1) << UInt64(index)) != 0 : high.contains(index)
    }

    var count: Int { low.nonzeroBitCount + high.count }
}

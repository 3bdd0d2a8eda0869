import CHotSupport

/// Where a loaded shared object sits in memory.
enum MappedObject {
    static func addressRange(ofLoaded path: String) -> Range<UInt>? {
        var low: UInt = 0
        var high: UInt = 0
        guard hot_mapped_range(path, &low, &high) != 0 else { return nil }
        return low..<high
    }
}

/// Values by a key whose hash the caller works out (see `NameTable`,
/// `MethodTable`, `InstanceTable`): open addressing, no `Hasher`. A key set
/// to nil keeps its slot and reads as absent.
struct HashedTable<Key: Equatable, Value> {
    private var keys: [Key] = []
    private var hashes: [Int] = []
    private var values: [Value?] = []
    /// Per slot, one more than the index of the key it holds (0: empty).
    /// A power of two long, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    subscript(key: Key, hash hash: Int) -> Value? {
        get { find(key, hash: hash).map { values[$0] } ?? nil }
        set {
            if let index = find(key, hash: hash) {
                values[index] = newValue
            } else if newValue != nil {
                insert(key, hash: hash, newValue)
            }
        }
    }

    /// Changed in place (`table[key, hash: h, default: []].append(x)`), as a
    /// `Dictionary` does: a get and a set copied the whole list each time.
    subscript(key: Key, hash hash: Int, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key, hash: hash] ?? defaultValue() }
        _modify {
            let index: Int
            if let found = find(key, hash: hash) {
                index = found
                if values[index] == nil { values[index] = defaultValue() }
            } else {
                insert(key, hash: hash, defaultValue())
                index = keys.count - 1
            }
            yield &values[index]!
        }
    }

    /// The value of the key of this hash that `matches` accepts: a lookup
    /// for a caller that would have to allocate to build the key.
    func value(hash: Int, where matches: (Key) -> Bool) -> Value? {
        index(hash: hash, where: matches).map { values[$0] } ?? nil
    }

    /// Whether no key was ever given a value.
    var isEmpty: Bool { keys.isEmpty }

    mutating func reserveCapacity(_ count: Int) {
        if 2 * count > slots.count { rehash(slotCount: Self.slotCount(for: count)) }
    }

    private func find(_ key: Key, hash: Int) -> Int? {
        index(hash: hash) { $0 == key }
    }

    @inline(__always)
    private func index(hash: Int, where matches: (Key) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == hash, matches(keys[entry - 1]) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ key: Key, hash: Int, _ value: Value?) {
        if 2 * (keys.count + 1) > slots.count { rehash(slotCount: 2 * slots.count) }
        keys.append(key)
        hashes.append(hash)
        values.append(value)
        place(keys.count - 1)
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = hashes[index] & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    private mutating func rehash(slotCount: Int) {
        slots = Array(repeating: 0, count: slotCount)
        for index in keys.indices { place(index) }
    }

    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots < 2 * count { slots *= 2 }
        return slots
    }
}

/// Values by name, for the checker's program-wide names (types, values,
/// variants, templates): a `HashedTable` on a short hash of the name's
/// bytes. A `Dictionary` hashes every String with SipHash and its
/// finalization, some 400 instructions a lookup; the checker asks these
/// tables at nearly every name, type and call.
struct NameTable<Value> {
    private var table = HashedTable<String, Value>()

    subscript(name: String) -> Value? {
        get { table[name, hash: NameHash.of(name)] }
        set { table[name, hash: NameHash.of(name)] = newValue }
    }

    subscript(name: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[name] ?? defaultValue() }
        _modify { yield &table[name, hash: NameHash.of(name), default: defaultValue()] }
    }

    /// With the name's hash worked out once for several tables.
    subscript(name: String, hash hash: Int) -> Value? { table[name, hash: hash] }

    var isEmpty: Bool { table.isEmpty }

    mutating func reserveCapacity(_ count: Int) {
        table.reserveCapacity(count)
    }
}

/// The short hash of a name that the checker's tables use in place of
/// SipHash over its bytes.
enum NameHash {
    /// A name of up to 15 bytes (nearly all) hashes as its bytes in two
    /// words, zero-padded: a small string is those words already
    /// (`SmallStringLayout`), so its hash is two multiplications. Equal
    /// names hash alike however each is held.
    static func of(_ name: String) -> Int {
        let words = SmallStringLayout.words(of: name)
        if let count = SmallStringLayout.smallCount(words) {
            return mix(words.low, words.high & 0x00FF_FFFF_FFFF_FFFF, count: count)
        }
        let count = name.utf8.count
        guard count <= 15 else {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return mix(hash, 0, count: count)
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (index, byte) in name.utf8.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * index) } else { high |= UInt64(byte) << (8 * (index - 8)) }
        }
        return mix(low, high, count: count)
    }

    /// `hash` with an ID folded in, for keys of a name and IDs.
    static func combine(_ hash: Int, _ id: Int32) -> Int {
        var mixed = UInt64(bitPattern: Int64(hash)) ^ (UInt64(UInt32(bitPattern: id)) &* 0x9E37_79B9_7F4A_7C15)
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed &* 0xBF58_476D_1CE4_E5B9)
    }

    private static func mix(_ low: UInt64, _ high: UInt64, count: Int) -> Int {
        var hash = (low &* 0x9E37_79B9_7F4A_7C15) ^ ((high ^ UInt64(count)) &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 31
        return Int(truncatingIfNeeded: hash)
    }
}

extension HashedTable: Sendable where Key: Sendable, Value: Sendable {}

extension NameTable: Sendable where Value: Sendable {}

extension NameTable {
    init(_ entries: KeyValuePairs<String, Value>) {
        self.init()
        for (name, value) in entries { self[name] = value }
    }
}

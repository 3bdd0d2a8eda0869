/// Lists that expression nodes refer to (a call's arguments, a struct
/// literal's fields, a match's arms), kept in shared chunks rather than an
/// array each: a 5,000-line program made thousands of small arrays, each
/// an allocation, a reference count and a free.
///
/// A chunk is only appended to, so a list read from it (`PayloadList`,
/// which holds its chunk) stays valid and unchanged while the tree grows,
/// and appending never copies what is there. Copies of a tree share their
/// storage; the first to append after a copy was made takes storage of
/// its own, with a chunk of its own, so no two trees write into one.
public struct PayloadLists<Element: Sendable>: Sendable {
    /// One reference, so that a tree (which the parser copies at every
    /// call in a debug build) stays small.
    @usableFromInline var storage = ListStorage<Element>()

    @inlinable subscript(index: Int) -> PayloadList<Element> {
        let range = storage.ranges[index]
        guard range.count > 0 else { return PayloadList() }
        return PayloadList(chunk: storage.chunks[Int(range.chunk)], base: Int(range.start), count: Int(range.count))
    }

    /// Appends a list holding `elements`, returning its index.
    mutating func append<Elements: Collection<Element>>(_ elements: Elements) -> Int {
        // Shared with a copy of the tree: this tree takes storage of its
        // own, which writes into chunks of its own.
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.append(elements)
    }
}

/// The lists of one tree: where each is, and the chunks that hold them.
@usableFromInline final class ListStorage<Element: Sendable>: @unchecked Sendable {
    // Unchecked: a storage is written only by the one tree that holds it
    // alone, and the dynamic checks cost more than reading a list.
    @exclusivity(unchecked) @usableFromInline var ranges: [ListRange] = []
    @exclusivity(unchecked) @usableFromInline var chunks: [ListChunk<Element>] = []
    /// Free elements at the end of the last chunk, which this storage alone writes.
    @exclusivity(unchecked) private var room = 0

    /// A chunk holds at least this many bytes of elements.
    private static var chunkBytes: Int { 16_384 }

    init() {}

    /// The same lists, to which appending starts a chunk of its own.
    func copy() -> ListStorage {
        let copy = ListStorage()
        copy.ranges = ranges
        copy.chunks = chunks
        return copy
    }

    func append<Elements: Collection<Element>>(_ elements: Elements) -> Int {
        let count = elements.count
        guard count > 0 else {
            ranges.append(ListRange(chunk: 0, start: 0, count: 0))
            return ranges.count - 1
        }
        if count > room {
            let capacity = max(count, Self.chunkBytes / max(1, MemoryLayout<Element>.stride))
            chunks.append(ListChunk(capacity: capacity))
            room = capacity
        }
        let start = chunks[chunks.count - 1].append(elements)
        room -= count
        ranges.append(ListRange(chunk: Int32(chunks.count - 1), start: Int32(start), count: Int32(count)))
        return ranges.count - 1
    }
}

@usableFromInline struct ListRange: Sendable {
    @usableFromInline let chunk: Int32
    @usableFromInline let start: Int32
    @usableFromInline let count: Int32
    init(chunk: Int32, start: Int32, count: Int32) {
        self.chunk = chunk
        self.start = start
        self.count = count
    }
}

/// Elements of many lists, written once each and never moved. Sendable
/// although mutable: the one tree that may append writes only past
/// `count`, and every list reads only what was written before it was made.
@usableFromInline final class ListChunk<Element: Sendable>: @unchecked Sendable {
    @usableFromInline let elements: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var count = 0

    init(capacity: Int) {
        elements = .allocate(capacity: capacity)
    }

    /// Writes `newElements` after the ones there, returning where they start.
    func append<Elements: Collection<Element>>(_ newElements: Elements) -> Int {
        let start = count
        var next = elements + start
        for element in newElements {
            next.initialize(to: element)
            next += 1
        }
        count = next - elements
        return start
    }

    deinit {
        elements.deinitialize(count: count)
        elements.deallocate()
    }
}

/// One list of a tree, read in place: indexed from 0 like an array.
public struct PayloadList<Element: Sendable>: RandomAccessCollection, Sendable {
    @usableFromInline let chunk: ListChunk<Element>?
    @usableFromInline let base: Int
    public let endIndex: Int

    @inlinable init(chunk: ListChunk<Element>, base: Int, count: Int) {
        self.chunk = chunk
        self.base = base
        endIndex = count
    }

    /// An empty list.
    @inlinable public init() {
        chunk = nil
        base = 0
        endIndex = 0
    }

    /// A list outside any tree, for the few places that make one of their
    /// own (an argument list with a receiver in front).
    public init(_ elements: some Collection<Element>) {
        guard !elements.isEmpty else {
            self.init()
            return
        }
        let chunk = ListChunk<Element>(capacity: elements.count)
        self.init(chunk: chunk, base: chunk.append(elements), count: elements.count)
    }

    @inlinable public var startIndex: Int { 0 }

    @inlinable public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < endIndex, "list index out of range")
        return chunk.unsafelyUnwrapped.elements[base + position]
    }
}

extension PayloadList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

public typealias ExprList = PayloadList<ExprID>
public typealias FieldList = PayloadList<FieldInitializer>
public typealias ArmList = PayloadList<MatchArm>

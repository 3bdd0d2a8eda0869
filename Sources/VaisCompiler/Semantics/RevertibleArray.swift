/// An array whose changes since a mark can be taken back exactly. The
/// checker tries the rest of a block ahead to infer a binding's type
/// (Checker+DeferredInference.swift) and must then forget that trial; on
/// a copy of the program-wide tables, its first write would copy each
/// whole table once per such binding. Here a trial writes in place: an
/// entry that existed at the mark keeps its old value in a log, and
/// entries appended since are dropped.
public struct RevertibleArray<Element>: RandomAccessCollection {
    private var elements: [Element]
    /// Entries overwritten below `floor` since the outermost open mark,
    /// oldest first.
    private var overwritten: [(index: Int, old: Element)] = []
    /// The count at the innermost open mark; 0 when none is open, so that
    /// outside trials a write costs one comparison more than an array's.
    private var floor = 0

    /// Where a trial started, to revert to.
    struct Mark {
        fileprivate let count: Int
        fileprivate let logged: Int
        fileprivate let floor: Int
    }

    init() { elements = [] }

    init(repeating element: Element, count: Int) {
        elements = Array(repeating: element, count: count)
    }

    /// `count` entries of `element`, with room for `capacity` without
    /// growing.
    init(repeating element: Element, count: Int, capacity: Int) {
        elements = []
        elements.reserveCapacity(capacity)
        elements.append(contentsOf: repeatElement(element, count: count))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }

    public subscript(index: Int) -> Element {
        get { elements[index] }
        set {
            if index < floor { keepOld(at: index) }
            elements[index] = newValue
        }
    }

    /// Out of line, so that the setter stays small enough to inline into
    /// the checker's every write.
    @inline(never)
    private mutating func keepOld(at index: Int) {
        overwritten.append((index, elements[index]))
    }

    mutating func append(_ element: Element) {
        elements.append(element)
    }

    mutating func append(contentsOf newElements: some Sequence<Element>) {
        elements.append(contentsOf: newElements)
    }

    /// Opens a trial: every change from here on can be reverted.
    mutating func mark() -> Mark {
        let mark = Mark(count: elements.count, logged: overwritten.count, floor: floor)
        floor = elements.count
        return mark
    }

    /// Undoes every change since `mark`, newest first, and closes it.
    mutating func revert(to mark: Mark) {
        while overwritten.count > mark.logged {
            let (index, old) = overwritten.removeLast()
            elements[index] = old
        }
        elements.removeSubrange(mark.count...)
        floor = mark.floor
    }
}

extension RevertibleArray: Sendable where Element: Sendable {}

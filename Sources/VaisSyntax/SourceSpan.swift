/// A range of bytes in one source file.
public struct SourceSpan: Hashable, Sendable {
    public let file: FileID
    public let start: UInt32
    public let end: UInt32

    public init(file: FileID, start: UInt32, end: UInt32) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The span from the start of `self` to the end of `other`.
    public func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(file: file, start: start, end: max(end, other.end))
    }

    /// An empty span at the start of `self`.
    public var startPoint: SourceSpan { SourceSpan(file: file, start: start, end: start) }
}

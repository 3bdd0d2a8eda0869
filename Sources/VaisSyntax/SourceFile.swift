/// Identifies one source file inside a `SourceManager`.
public struct FileID: Hashable, Sendable {
    public let raw: Int32
    public init(_ raw: Int32) { self.raw = raw }
}

/// One loaded source file: its path, its bytes and where each line starts.
public struct SourceFile: Sendable {
    public let id: FileID
    public let path: String
    /// UTF-8 bytes, without the byte order mark some editors put first.
    /// Kept as bytes because the lexer works on bytes and spans are byte
    /// offsets.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    public let lineStarts: [UInt32]

    public init(id: FileID, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes.starts(with: Self.byteOrderMark) ? Array(bytes.dropFirst(Self.byteOrderMark.count)) : bytes
        self.lineStarts = Self.lineStarts(of: self.bytes)
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Where each line starts. Eight bytes are tested at once for a line
    /// break (a zero byte of `word ^ 0x0A0A...`), since most hold none.
    private static func lineStarts(of bytes: [UInt8]) -> [UInt32] {
        var starts: [UInt32] = [0]
        bytes.withUnsafeBytes { raw in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let newlines = ones &* UInt64(UInt8(ascii: "\n"))
            var offset = 0
            while offset + 8 <= raw.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ newlines
                if (word &- ones) & ~word & (ones << 7) != 0 {
                    for index in offset..<(offset + 8) where raw[index] == UInt8(ascii: "\n") {
                        starts.append(UInt32(index + 1))
                    }
                }
                offset += 8
            }
            for index in offset..<raw.count where raw[index] == UInt8(ascii: "\n") {
                starts.append(UInt32(index + 1))
            }
        }
        return starts
    }

    /// 1-based line and column of a byte offset. Columns count Unicode
    /// scalars, so a caret lines up under multi-byte characters.
    public func lineAndColumn(of offset: UInt32) -> (line: Int, column: Int) {
        let lineIndex = lineIndex(of: offset)
        let start = Int(lineStarts[lineIndex])
        let end = min(Int(offset), bytes.count)
        var column = 1
        var index = start
        while index < end {
            index += Self.scalarLength(leadingByte: bytes[index])
            column += 1
        }
        return (lineIndex + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = Int(lineStarts[line - 1])
        var end = line < lineStarts.count ? Int(lineStarts[line]) - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    private func lineIndex(of offset: UInt32) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    static func scalarLength(leadingByte byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}

/// Owns every file of one compilation, so a span can name its file by ID.
public struct SourceManager: Sendable {
    /// Every file, the compiler's own (the prelude) included.
    public private(set) var allFiles: [SourceFile] = []

    /// The files that exist on disk: what watchers watch and copies copy.
    /// Built-in sources have paths in angle brackets (`<prelude>`).
    public var files: [SourceFile] { allFiles.filter { !$0.path.hasPrefix("<") } }

    public init() {}

    public mutating func add(path: String, bytes: [UInt8]) -> FileID {
        let id = FileID(Int32(allFiles.count))
        allFiles.append(SourceFile(id: id, path: path, bytes: bytes))
        return id
    }

    public mutating func add(path: String, text: String) -> FileID {
        add(path: path, bytes: Array(text.utf8))
    }

    public subscript(id: FileID) -> SourceFile { allFiles[Int(id.raw)] }

    public func file(atPath path: String) -> SourceFile? {
        allFiles.first { $0.path == path }
    }
}

import Foundation

/// Reads how much memory the process and each loaded library use, from
/// /proc/self/statm (RSS, cheap) and /proc/self/smaps (per mapping: size,
/// resident and proportional bytes).
public enum MemorySampler {
    public struct Usage: Sendable, Equatable {
        public var mapped: UInt64 = 0
        public var resident: UInt64 = 0
        public var proportional: UInt64 = 0
        public init() {}
    }

    /// The process's resident set, in bytes.
    public static func residentBytes() -> UInt64 {
        guard let text = ProcFile.read("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// What each of `paths` maps, summed over its mappings. A path that is
    /// not mapped is absent from the result. The text is scanned as bytes:
    /// a profile samples it every 50 ms while the program and its reloads
    /// run, and splitting it into strings took about 8 ms of a core each
    /// time with LLVM loaded (a thousand mappings), competing with the
    /// reloads it measures.
    public static func usage(of paths: Set<String>) -> [String: Usage] {
        guard !paths.isEmpty, let text = ProcFile.bytes("/proc/self/smaps") else { return [:] }
        let wanted = paths.map { (path: $0, bytes: Array($0.utf8)) }
        var result: [String: Usage] = [:]
        var current: String?
        var start = 0
        while start < text.count {
            let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.count
            let line = text[start..<end]
            start = end + 1
            guard let first = line.first else { continue }
            // A mapping's header begins with its address, in lowercase hex; its fields with a capital.
            if Self.isLowercaseHexDigit(first) {
                let path = line.firstIndex(of: UInt8(ascii: "/")).map { line[$0...] }
                current = path.flatMap { path in wanted.first { $0.bytes.elementsEqual(path) }?.path }
                continue
            }
            guard let path = current, let field = Self.field(of: line) else { continue }
            var usage = result[path] ?? Usage()
            switch field.name {
            case .size: usage.mapped += field.kilobytes * 1024
            case .rss: usage.resident += field.kilobytes * 1024
            case .pss: usage.proportional += field.kilobytes * 1024
            }
            result[path] = usage
        }
        return result
    }

    private enum Field { case size, rss, pss }

    private static let fieldNames: [(name: Field, prefix: [UInt8])] = [(.size, Array("Size:".utf8)), (.rss, Array("Rss:".utf8)),
                                                                        (.pss, Array("Pss:".utf8))]

    /// A `Size:`, `Rss:` or `Pss:` line's field and its kilobytes.
    private static func field(of line: ArraySlice<UInt8>) -> (name: Field, kilobytes: UInt64)? {
        guard let known = fieldNames.first(where: { line.starts(with: $0.prefix) }) else { return nil }
        var kilobytes: UInt64 = 0
        for byte in line.dropFirst(known.prefix.count) where byte != UInt8(ascii: " ") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            kilobytes = kilobytes * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return (known.name, kilobytes)
    }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

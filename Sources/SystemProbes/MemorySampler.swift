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
    /// not mapped is absent from the result.
    public static func usage(of paths: Set<String>) -> [String: Usage] {
        guard !paths.isEmpty, let text = ProcFile.read("/proc/self/smaps") else { return [:] }
        var result: [String: Usage] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            if let first = line.first, first.isHexDigit, line.contains("-") {
                current = line.firstIndex(of: "/").map { String(line[$0...]) }.flatMap { paths.contains($0) ? $0 : nil }
                continue
            }
            guard let path = current else { continue }
            let field = line.prefix { $0 != ":" }
            guard field == "Size" || field == "Rss" || field == "Pss" else { continue }
            let kilobytes = UInt64(line.split(separator: " ").dropFirst().first ?? "") ?? 0
            var usage = result[path] ?? Usage()
            switch field {
            case "Size": usage.mapped += kilobytes * 1024
            case "Rss": usage.resident += kilobytes * 1024
            default: usage.proportional += kilobytes * 1024
            }
            result[path] = usage
        }
        return result
    }
}

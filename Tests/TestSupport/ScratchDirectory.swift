import Foundation

/// A private scratch folder per test, removed when the test ends.
public final class ScratchDirectory {
    public let url: URL

    public init(_ name: String) throws {
        _ = Self.leftoversSwept
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(Self.prefix)\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }

    private static let prefix = "vais-hot-tests-"

    /// Scratch folders of test runs that were killed (their process is
    /// gone), removed once per run so that they do not pile up.
    private static let leftoversSwept: Bool = {
        let folder = FileManager.default.temporaryDirectory
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = pid_t(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
        return true
    }()
}

import Foundation

/// A directory only this user can read (mode 0700), where one running
/// program's builds and loaded versions live; removed at cleanup.
public struct PrivateDirectory: Sendable {
    public let path: String

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(String, Int32)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let code): return "cannot create \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Creates `<parent>/<name>-<pid>` with mode 0700, making `parent` as needed.
    public init(parent: String, name: String) throws {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let path = (parent as NSString).appendingPathComponent("\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        guard mkdir(path, 0o700) == 0 else { throw Failure.cannotCreate(path, errno) }
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Names of the files in the directory now.
    public func contents() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

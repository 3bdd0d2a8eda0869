import Foundation

/// A directory only this user can read (mode 0700), where one running
/// program's builds and loaded versions live; removed at cleanup.
///
/// Made with `mkdtemp` (an unpredictable name) in a folder no other user
/// can write to, and held open: files are created relative to that
/// descriptor and never through a link, and before a path inside it goes
/// to clang or `dlopen` the path is checked to still name the directory
/// that was made. Until `remove`, `ExitCleanup` removes it when the
/// process ends, and the process holds it locked, so that a later run can
/// tell it from one a killed process left behind and sweep that away. See
/// docs/RELIABILITY.md.
public final class PrivateDirectory: @unchecked Sendable {
    public let path: String
    /// Why the directory is not where it was asked for, when it is not.
    public let fallbackReason: String?
    let descriptor: Int32
    private let device: UInt64
    private let inode: UInt64

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(String, Int32)
        case untrusted(asked: String, reason: String, fallbacks: [String])
        case replaced(String)
        case fileOperation(String, path: String, Int32)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let code):
                return "cannot create \(path): \(String(cString: strerror(code)))"
            case .untrusted(let asked, let reason, let fallbacks):
                return "refusing to build in \(asked): \(reason); no fallback folder was usable (\(fallbacks.joined(separator: "; ")))."
                    + " Run from a folder you own, or set XDG_RUNTIME_DIR or XDG_CACHE_HOME to one."
            case .replaced(let path):
                return "the private build directory \(path) was moved or replaced by someone else; the reload is refused."
                    + " Restart vais-hot from a folder only you can write to."
            case .fileOperation(let operation, let path, let code):
                return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Makes `<parent>/<name>-XXXXXX` with mode 0700, making `parent` as
    /// needed. When `parent` is not trusted (see `FolderTrust`) the
    /// directory goes in the user's runtime or cache folder instead.
    public convenience init(parent: String, name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let location = try Self.trustedParent(preferred: parent, environment: environment)
        Self.sweepAbandoned(in: location.folder, name: name)
        try self.init(in: location.folder, name: name, fallbackReason: location.fallbackReason)
    }

    private init(in parent: String, name: String, fallbackReason: String?) throws {
        // Absolute and without links or `..`, as the kernel names the files
        // mapped from it: the memory sampler finds a version's mappings in
        // /proc/self/smaps by its path (a relative build folder matched none).
        guard let resolved = realpath(parent, nil) else { throw Failure.cannotCreate(parent, errno) }
        let canonicalParent = String(cString: resolved)
        free(resolved)
        var template = Array((canonicalParent as NSString).appendingPathComponent("\(name)-XXXXXX").utf8CString)
        let created: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made = created else { throw Failure.cannotCreate(parent, errno) }
        let descriptor = open(made, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure.cannotCreate(made, errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_uid == geteuid(), status.st_mode & 0o777 == 0o700,
              flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Failure.replaced(made)
        }
        path = made
        self.fallbackReason = fallbackReason
        self.descriptor = descriptor
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        ExitCleanup.track(self)
    }

    deinit { close(descriptor) }

    /// The path of `name` in the directory, without checking the directory.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// The path of `name`, once the directory's path is checked to still
    /// name the directory this object holds open.
    public func verifiedFile(_ name: String) throws -> String {
        try verify()
        return file(name)
    }

    /// Throws `replaced` when the path no longer names the directory made
    /// at start-up (moved away, or a folder or link put in its place).
    public func verify() throws {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR,
              UInt64(status.st_dev) == device, UInt64(status.st_ino) == inode else {
            throw Failure.replaced(path)
        }
    }

    /// Names of the files in the directory now.
    public func contents() -> [String] { Self.names(in: descriptor) }

    /// Removes every file in the directory, then the directory, if its
    /// path still names it (a folder put in its place is not ours).
    public func remove() {
        ExitCleanup.forget(self)
        for name in contents() { unlinkat(descriptor, name, 0) }
        if (try? verify()) != nil { rmdir(path) }
    }
}

import Foundation

/// File operations relative to the directory's descriptor: a name is never
/// looked up through the directory's path again, and a link planted in
/// place of a file is replaced, never followed.
extension PrivateDirectory {
    /// Writes `bytes` to `name` atomically: into a new file made with
    /// O_EXCL | O_NOFOLLOW, then renamed over `name`.
    public func write(_ bytes: [UInt8], to name: String) throws {
        let temporary = try createUnique(basedOn: name)
        var failure = Self.writeAll(bytes, to: temporary.descriptor)
        if close(temporary.descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlinkat(descriptor, temporary.name, 0)
            throw Failure.fileOperation("write", path: file(name), failure)
        }
        try move(temporary.name, to: name)
    }

    /// 0, or the errno of the write that failed.
    private static func writeAll(_ bytes: [UInt8], to output: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(output, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return 0
        }
    }

    /// Renames `name` to `newName` inside the directory, replacing what
    /// `newName` was (a link included, which is not followed).
    public func move(_ name: String, to newName: String) throws {
        guard renameat(descriptor, name, descriptor, newName) == 0 else {
            let code = errno
            unlinkat(descriptor, name, 0)
            throw Failure.fileOperation("rename into place", path: file(newName), code)
        }
    }

    /// Copies a file from outside into the directory as `name`.
    public func copy(from source: String, to name: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw Failure.fileOperation("open", path: source, errno) }
        defer { close(input) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw Failure.fileOperation("read", path: source, errno)
            }
        }
        try write(bytes, to: name)
    }

    public func removeFile(_ name: String) {
        unlinkat(descriptor, name, 0)
    }

    /// A new file `.<name>.<random>` created exclusively, never through a link.
    private func createUnique(basedOn name: String) throws -> (name: String, descriptor: Int32) {
        for _ in 0..<16 {
            let candidate = ".\(name).\(UInt64.random(in: 0...UInt64.max))"
            let created = openat(descriptor, candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if created >= 0 { return (candidate, created) }
            if errno != EEXIST { throw Failure.fileOperation("create", path: file(candidate), errno) }
        }
        throw Failure.fileOperation("create", path: file(name), EEXIST)
    }
}

import Foundation

extension PrivateDirectory {
    /// How old a directory must be before it can be taken for abandoned: a
    /// process that has just made one locks it a moment later.
    public static let sweepGraceSeconds = 2

    /// Removes the directories `<parent>/<name>-XXXXXX` of this user that
    /// no process holds any more: those of a run killed by SIGKILL, or of
    /// one that died before it could clean up. A live directory is held
    /// locked (`flock`) by the process that made it for as long as it lives.
    static func sweepAbandoned(in parent: String, name: String, graceSeconds: Int = sweepGraceSeconds) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let now = time(nil)
        for entry in entries where entry.hasPrefix(name + "-") && entry.utf8.count == name.utf8.count + 7 {
            removeIfAbandoned((parent as NSString).appendingPathComponent(entry), olderThan: now - graceSeconds)
        }
    }

    private static func removeIfAbandoned(_ path: String, olderThan limit: time_t) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_uid == geteuid(), status.st_mode & 0o777 == 0o700,
              status.st_ctim.tv_sec <= limit,
              flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return }
        for file in names(in: descriptor) { unlinkat(descriptor, file, 0) }
        var current = stat()
        // Removed only while the path still names the directory inspected.
        if lstat(path, &current) == 0, current.st_dev == status.st_dev, current.st_ino == status.st_ino {
            rmdir(path)
        }
    }

    /// The entries of the directory open at `descriptor`, "." and ".." left out.
    static func names(in descriptor: Int32) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}

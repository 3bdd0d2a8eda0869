import Foundation

/// Whether a folder is safe to make a private directory in: no other user
/// can rename, replace or fill it, nor any folder above it. OpenSSH checks
/// a key file's folders the same way. Every folder on the path, as written
/// and as resolved, must belong to root or to this user, and must not be
/// writable by anyone else unless it is sticky (like /tmp: others may add
/// entries there but not move ours).
enum FolderTrust {
    /// Why `folder` is not trusted, or nil when it is.
    static func distrust(of folder: String) -> String? {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard let resolved = realpath(absolute, nil) else { return "cannot resolve \(absolute): \(String(cString: strerror(errno)))" }
        defer { free(resolved) }
        let canonical = String(cString: resolved)
        return distrust(alongPath: absolute) ?? (canonical == absolute ? nil : distrust(alongPath: canonical))
    }

    /// Checks every prefix of an absolute path, the path itself last.
    private static func distrust(alongPath path: String) -> String? {
        var prefix = ""
        for component in [""] + path.split(separator: "/").map(String.init) {
            prefix = component.isEmpty ? "/" : (prefix as NSString).appendingPathComponent(component)
            if let reason = distrust(ofEntry: prefix) { return reason }
        }
        return nil
    }

    private static func distrust(ofEntry path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return "cannot inspect \(path): \(String(cString: strerror(errno)))" }
        let user = geteuid()
        guard status.st_uid == 0 || status.st_uid == user else {
            return "\(path) belongs to another user (uid \(status.st_uid))"
        }
        // A symbolic link's own mode means nothing; its target is checked
        // when the resolved path is.
        if status.st_mode & S_IFMT == S_IFLNK { return nil }
        let writableByOthers = status.st_mode & (S_IWGRP | S_IWOTH) != 0
        let sticky = status.st_mode & S_ISVTX != 0
        if writableByOthers && !sticky { return "\(path) can be written by other users" }
        return nil
    }
}

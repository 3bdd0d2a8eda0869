import Foundation

extension PrivateDirectory {
    /// The folder asked for when it can be trusted; otherwise the user's
    /// runtime folder (`$XDG_RUNTIME_DIR/vais-hot`) or cache folder
    /// (`$XDG_CACHE_HOME/vais-hot`, `~/.cache/vais-hot`), the first that can.
    static func trustedParent(preferred: String, environment: [String: String]) throws -> (folder: String, fallbackReason: String?) {
        let reason: String
        if let refusal = prepare(preferred) {
            reason = refusal
        } else {
            return (preferred, nil)
        }
        var refusals: [String] = []
        for candidate in fallbackParents(environment: environment) {
            if let refusal = prepare(candidate) {
                refusals.append(refusal)
            } else {
                return (candidate, "\(reason); building in \(candidate) instead")
            }
        }
        throw Failure.untrusted(asked: preferred, reason: reason, fallbacks: refusals)
    }

    private static func fallbackParents(environment: [String: String]) -> [String] {
        var parents: [String] = []
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            parents.append((runtime as NSString).appendingPathComponent("vais-hot"))
        }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            parents.append((cache as NSString).appendingPathComponent("vais-hot"))
        }
        if let home = environment["HOME"] ?? homeOfUser(), home.hasPrefix("/") {
            parents.append((home as NSString).appendingPathComponent(".cache/vais-hot"))
        }
        return parents
    }

    private static func homeOfUser() -> String? {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// Makes `folder` and the folders above it that are missing (mode
    /// 0700), and says why it cannot be trusted, or nil when it can. Nothing
    /// is made under a folder that is not trusted.
    private static func prepare(_ folder: String) -> String? {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        var prefix = ""
        var checkedAncestor = false
        for component in absolute.split(separator: "/") {
            let parent = prefix.isEmpty ? "/" : prefix
            prefix += "/" + component
            if !checkedAncestor, access(prefix, F_OK) != 0 {
                if let reason = FolderTrust.distrust(of: parent) { return reason }
                checkedAncestor = true
            }
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                return "cannot create \(prefix): \(String(cString: strerror(errno)))"
            }
        }
        return FolderTrust.distrust(of: absolute)
    }
}

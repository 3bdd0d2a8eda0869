/// How a path is shown to the user: relative to the working folder when it
/// lies beneath it, as the user most likely typed it (tools keep paths
/// absolute so that they hold from any folder, which makes them long).
public func shownPath(_ path: String, from workingFolder: String?) -> String {
    guard let base = workingFolder, !base.isEmpty else { return path }
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

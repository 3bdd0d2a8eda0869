import Foundation
import HotReload

/// The version of vais-hot itself.
public enum ProjectVersion {
    public static let current = "0.1.0"

    /// The commit of the checkout this executable was built in, if any.
    public static func gitCommit() -> String? {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                for git in ["/usr/bin/git", "/usr/local/bin/git"] where FileManager.default.isExecutableFile(atPath: git) {
                    let outcome = try? ProcessRunner.run(git, ["-C", folder.path, "rev-parse", "HEAD"], standardError: .discard, timeout: 10)
                    if let outcome, outcome.succeeded { return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) }
                }
                return nil
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

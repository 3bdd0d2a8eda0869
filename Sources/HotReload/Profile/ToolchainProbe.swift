import Foundation
import Profiling

extension ToolchainInfo {
    /// vais-hot's version (and git commit when run from a checkout), the
    /// first line of `swift --version` and `clang --version`, and what
    /// built the hot parts.
    public static func probe(_ toolchain: Toolchain, hotPartBackend: (any HotPartBackend)? = nil) -> ToolchainInfo {
        let bin = (toolchain.clang as NSString).deletingLastPathComponent
        func firstLine(_ executable: String, _ arguments: [String]) -> String {
            guard let outcome = try? ProcessRunner.run(executable, arguments, standardError: .discard, timeout: 10), outcome.succeeded else { return "unknown" }
            return outcome.output.split(separator: "\n").first.map(String.init) ?? "unknown"
        }
        let commit = ProjectVersion.gitCommit().map { " (\($0))" } ?? ""
        return ToolchainInfo(vaisHot: ProjectVersion.current + commit,
                             swift: firstLine((bin as NSString).appendingPathComponent("swift"), ["--version"]),
                             clang: firstLine(toolchain.clang, ["--version"]), hotPartBackend: hotPartBackend?.name)
    }
}

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

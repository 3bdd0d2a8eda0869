import Documents
import Foundation
import HotReload

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

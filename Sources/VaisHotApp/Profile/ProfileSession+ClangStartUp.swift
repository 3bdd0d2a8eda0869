import Foundation
import HotReload

extension ProfileSession {
    /// clang's start-up, timed after the reloads while the program still
    /// runs as it did during them: what the targets set relative to the
    /// machine are judged by. Nil, and those targets unjudged, when clang
    /// cannot run.
    func measureClangStartUp(_ reloader: Reloader) -> UInt64? {
        guard let toolchain = reloader.builder?.toolchain ?? (try? Toolchain.locate()),
              let directory = try? PrivateDirectory(parent: settings.reloader.buildRoot, name: "clang-start-up") else { return nil }
        defer { directory.remove() }
        return try? ClangStartUp(toolchain: toolchain, folder: directory.path).median(of: 5)
    }
}

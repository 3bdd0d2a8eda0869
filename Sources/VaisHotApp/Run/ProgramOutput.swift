import Foundation
import HotReload

/// Keeps a hosted program's stdout apart from vais-hot's own output.
public enum ProgramOutput {
    /// Points this process's stdout (which the program writes to) at a file.
    public static func redirect(to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileFailure.attempt("create", folder) { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fflush(nil)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure("create", path: path, errno: errno) }
        dup2(descriptor, 1)
        close(descriptor)
    }
}

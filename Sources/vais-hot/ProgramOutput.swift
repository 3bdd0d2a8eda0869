import Foundation
import HotReload

/// Keeps a hosted program's stdout apart from vais-hot's own output.
enum ProgramOutput {
    /// Points this process's stdout (which the program writes to) at a file.
    static func redirect(to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileFailure.attempt("create", folder) { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        fflush(nil)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileFailure("create", path: path, errno: errno) }
        dup2(descriptor, 1)
        close(descriptor)
    }
}

/// Runs a handler on SIGINT, SIGTERM and SIGHUP instead of dying at once;
/// the build directories go at the `exit` that follows (`ExitCleanup`).
struct Interrupt {
    private let sources: [DispatchSourceSignal]

    /// `handler` gets the signal's number.
    static func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) -> Interrupt {
        let sources = [SIGINT, SIGTERM, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
        return Interrupt(sources: sources)
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

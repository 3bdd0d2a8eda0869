import Foundation

/// A program started with posix_spawn that shares our stdin, stdout and
/// stderr, and that we can stop and restart (the `watch --exec` child).
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t

    public init(executable: String, arguments: [String]) throws {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = SpawnAttributes.withCleanSignals { posix_spawnp(&pid, executable, nil, $0, argv, environ) }
        guard status == 0 else { throw ProcessRunner.Failure.spawnFailed(executable: executable, errno: status) }
        self.pid = pid
    }

    /// Asks the child to end (SIGTERM), and kills it if it has not after
    /// `grace` seconds.
    public func stop(grace: Double = 1) {
        guard kill(pid, SIGTERM) == 0 else { return }
        let deadline = Date().addingTimeInterval(grace)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}

import Foundation

/// Runs a program directly with posix_spawn (no shell, so no quoting and no
/// injection through file names) and collects its merged stdout and stderr.
public enum ProcessRunner {
    public struct Outcome: Sendable {
        public let exitStatus: Int32
        public let output: String
        public var succeeded: Bool { exitStatus == 0 }
    }

    public enum Failure: Error, CustomStringConvertible {
        case spawnFailed(executable: String, errno: Int32)

        public var description: String {
            switch self {
            case .spawnFailed(let executable, let code):
                return "could not start \(executable): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Where the child's stderr goes: into the captured output, or away.
    public enum StandardError: Sendable {
        case merge
        case discard
    }

    public static func run(_ executable: String, _ arguments: [String], standardError: StandardError = .merge) throws -> Outcome {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure.spawnFailed(executable: executable, errno: errno) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        switch standardError {
        case .merge: posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        case .discard: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = SpawnAttributes.withCleanSignals { posix_spawn(&pid, executable, &actions, $0, argv, environ) }
        close(writeEnd)
        guard status == 0 else {
            close(readEnd)
            throw Failure.spawnFailed(executable: executable, errno: status)
        }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(readEnd)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0, errno == EINTR {}
        let exited = waitStatus & 0x7F == 0
        let code = exited ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
        return Outcome(exitStatus: code, output: String(decoding: output, as: UTF8.self))
    }
}

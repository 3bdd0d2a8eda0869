import CHotSupport
import Foundation

/// Runs a program directly with posix_spawn (no shell, so no quoting and no
/// injection through file names) and collects its merged stdout and stderr.
/// The program runs in a process group of its own, so that a time limit
/// stops it and every process it started.
public enum ProcessRunner {
    public struct Outcome: Sendable {
        /// The exit code, or 128 + the signal that ended the program, as a shell reports it.
        public let exitStatus: Int32
        /// The signal that ended the program, when one did.
        public let signal: Int32?
        public let output: String
        public var succeeded: Bool { exitStatus == 0 }
    }

    public enum Failure: Error, CustomStringConvertible {
        case spawnFailed(executable: String, errno: Int32)
        /// Still running (or its output still held open by a process it
        /// started) after `seconds`; the whole process group was killed.
        case timedOut(executable: String, seconds: Double)

        public var description: String {
            switch self {
            case .spawnFailed(let executable, let code):
                return "could not start \(executable): \(String(cString: strerror(code)))"
            case .timedOut(let executable, let seconds):
                return "\(executable) did not finish within \(Self.format(seconds)) s and was stopped, with the processes it started"
            }
        }

        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        }
    }

    /// Where the child's stderr goes: into the captured output, or away.
    public enum StandardError: Sendable {
        case merge
        case discard
    }

    /// Runs `executable` to its end, or until `timeout` seconds have passed
    /// (nil: no limit): then its process group is killed and reading stops,
    /// even if a process it left behind holds the output open.
    public static func run(_ executable: String, _ arguments: [String], standardError: StandardError = .merge,
                           timeout: Double? = nil) throws -> Outcome {
        var pipeEnds: [Int32] = [0, 0]
        // Close-on-exec, so that no other child spawned meanwhile holds the write end.
        guard hot_pipe_cloexec(&pipeEnds) == 0 else { throw Failure.spawnFailed(executable: executable, errno: errno) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        switch standardError {
        case .merge: posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        case .discard: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let pid: pid_t
        do {
            defer { close(writeEnd) }
            pid = try ExitCleanup.startTracked {
                var pid: pid_t = 0
                let status = SpawnAttributes.withCleanSignals(ownProcessGroup: true) { posix_spawn(&pid, executable, &actions, $0, argv, environ) }
                guard status == 0 else { throw Failure.spawnFailed(executable: executable, errno: status) }
                return pid
            }
        } catch {
            close(readEnd)
            throw error
        }
        let deadline = timeout.map { MonotonicDeadline(secondsFromNow: $0) }
        let output = readAll(readEnd, until: deadline)
        close(readEnd)
        if output == nil { kill(-pid, SIGKILL) }
        ExitCleanup.forget(processGroup: pid)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0, errno == EINTR {}
        guard let output else { throw Failure.timedOut(executable: executable, seconds: timeout ?? 0) }
        let signal = waitStatus & 0x7F
        let code = signal == 0 ? (waitStatus >> 8) & 0xFF : 128 + signal
        return Outcome(exitStatus: code, signal: signal == 0 ? nil : signal, output: String(decoding: output, as: UTF8.self))
    }

    /// Everything read until end of file, or nil when the deadline came first.
    private static func readAll(_ descriptor: Int32, until deadline: MonotonicDeadline?) -> [UInt8]? {
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let deadline {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&request, 1, deadline.remainingMilliseconds)
                if ready == 0 { return nil }
                if ready < 0 {
                    if errno == EINTR { continue }
                    return output
                }
            }
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return output
            }
        }
    }
}

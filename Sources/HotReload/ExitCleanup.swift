import CHotSupport
import Foundation

/// What must not outlive the process however it ends: the private build
/// directories (removed) and the toolchain's process groups (killed). At
/// `exit()` always; on SIGINT, SIGTERM and SIGHUP once `endOnSignals` is
/// installed, after which the signal ends the process as it would have; on
/// a crash outside every guard (SIGSEGV, `abort()`, ...) from the crash
/// handler, through a copy of the same lists kept in C (`crash_cleanup.c`).
/// Only SIGKILL escapes: `PrivateDirectory` sweeps what a killed run left.
public enum ExitCleanup {
    private static let registry = Registry()

    static func track(_ directory: PrivateDirectory) {
        registry.update { $0.directories[ObjectIdentifier(directory)] = directory }
        hot_crash_cleanup_add_directory(directory.descriptor, directory.path)
        registry.installAtExitOnce()
    }

    static func forget(_ directory: PrivateDirectory) {
        registry.update { $0.directories[ObjectIdentifier(directory)] = nil }
        hot_crash_cleanup_remove_directory(directory.descriptor)
    }

    /// Thrown instead of starting a process once clean-up has begun.
    public struct Ending: Error, CustomStringConvertible {
        public var description: String { "not started: vais-hot is ending" }
    }

    /// Starts a process group (`spawn` returns its leader) and tracks it in
    /// one step, so that a signal's clean-up either comes after and kills
    /// it, or comes first and nothing starts.
    static func startTracked(_ spawn: () throws -> pid_t) throws -> pid_t {
        try registry.startTracked(spawn)
    }

    static func forget(processGroup: pid_t) {
        registry.update { $0.processGroups.remove(processGroup) }
        hot_crash_cleanup_remove_group(processGroup)
    }

    /// Kills every tracked process group and removes every tracked
    /// directory; what it cleans is forgotten, so a second call does
    /// nothing, and no process group starts after it.
    public static func runNow() {
        let (directories, groups) = registry.takeAllAndEnd()
        for group in groups { kill(-group, SIGKILL) }
        for directory in directories { directory.remove() }
    }

    /// Cleans up on SIGINT, SIGTERM and SIGHUP, then lets the signal end
    /// the process. For commands with no graceful stop of their own.
    public static func endOnSignals() {
        registry.installSignalsOnce()
    }

    private final class Registry: @unchecked Sendable {
        struct Tracked {
            var directories: [ObjectIdentifier: PrivateDirectory] = [:]
            var processGroups: Set<pid_t> = []
        }

        private let lock = NSLock()
        private var tracked = Tracked()
        private var ending = false
        private var atExitInstalled = false
        private var signalsInstalled = false

        func update(_ change: (inout Tracked) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            change(&tracked)
        }

        func startTracked(_ spawn: () throws -> pid_t) throws -> pid_t {
            lock.lock()
            defer { lock.unlock() }
            guard !ending else { throw Ending() }
            let group = try spawn()
            tracked.processGroups.insert(group)
            hot_crash_cleanup_add_group(group)
            return group
        }

        func takeAllAndEnd() -> ([PrivateDirectory], [pid_t]) {
            lock.lock()
            defer { lock.unlock() }
            let taken = (Array(tracked.directories.values), Array(tracked.processGroups))
            tracked = Tracked()
            ending = true
            return taken
        }

        func installAtExitOnce() {
            lock.lock()
            defer { lock.unlock() }
            guard !atExitInstalled else { return }
            atExitInstalled = true
            atexit { ExitCleanup.runNow() }
            hot_guard_install()
        }

        func installSignalsOnce() {
            lock.lock()
            defer { lock.unlock() }
            guard !signalsInstalled else { return }
            var ends: [Int32] = [-1, -1]
            guard hot_pipe_cloexec(&ends) == 0, hot_exit_signals_forward(ends[1]) == 0 else { return }
            signalsInstalled = true
            let readEnd = ends[0]
            _ = startThread(named: "hot-signals") {
                var number: UInt8 = 0
                while read(readEnd, &number, 1) < 0, errno == EINTR {}
                ExitCleanup.runNow()
                hot_exit_signal_reraise(Int32(number))
            }
        }
    }
}

import CHotSupport
import Foundation

extension Reloader {
    /// `hot_loop`: checks for a new version, then calls `update`, until it
    /// returns non-zero. A crash in an update rolls back and goes on; an
    /// update the watchdog interrupted goes on with the newer version.
    public func loop(_ update: @escaping @convention(c) () -> Int64) -> Int64 {
        lock.lock()
        isManaged = true
        isLooping = true
        lock.unlock()
        defer {
            lock.lock()
            isLooping = false
            lock.unlock()
        }
        while true {
            _ = check()
            var result: Int64 = 0
            var crash = hot_crash()
            let signal = runIteration(update, result: &result, crash: &crash)
            if signal == hot_guard_interrupt_signal() {
                noteInterrupted()
                continue
            }
            if signal != 0 {
                let report = report(for: crash)
                guard rollBack(after: report) else { CrashExit.terminate(report) }
                continue
            }
            if result != 0 { return result }
        }
    }

    /// Runs the program's `main` under a crash guard, on the calling
    /// thread. A crash nothing recovered from ends the process with a
    /// report instead of a core dump.
    public func runMain() -> Int32 {
        adoptProgramThread()
        guard let mainEntry = host.mainEntry else { return 1 }
        var result: Int64 = 0
        var crash = hot_crash()
        let entry = unsafeBitCast(mainEntry, to: (@convention(c) () -> Int64).self)
        let signal = hot_guard_call(entry, &result, &crash)
        releaseProgramThread()
        if signal != 0 { CrashExit.terminate(report(for: crash)) }
        return host.mainReturnsValue ? Int32(truncatingIfNeeded: result) & 0xFF : 0
    }
}

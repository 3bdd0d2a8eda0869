import Foundation

/// A thread that calls `tick` every `interval` seconds until stopped: the
/// reloader's watch over hot code that runs far past a newer version.
final class Watchdog: @unchecked Sendable {
    private let condition = NSCondition()
    private var isStopped = false
    private var thread: Thread?

    /// Starts ticking; a second call does nothing.
    func start(interval: Double, tick: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard thread == nil, !isStopped else { return }
        thread = startThread(named: "hot-watchdog") { [self] in
            while waitUntilStopped(seconds: interval) == false { tick() }
        }
    }

    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits `seconds` or until `stop`; true when stopped.
    private func waitUntilStopped(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while !isStopped, condition.wait(until: deadline) {}
        return isStopped
    }
}

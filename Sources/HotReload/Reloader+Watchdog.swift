import CHotSupport
import Foundation
import SystemProbes

extension Reloader {
    /// One look by the watchdog: has hot code run `watchdogSeconds` past
    /// the moment a newer version was ready? In a `hot_loop` iteration it
    /// is interrupted (the loop then swaps the newer version in);
    /// otherwise it is reported, once per newer version.
    func watchdogTick() {
        let now = MonotonicClock.now()
        let limit = UInt64(configuration.watchdogSeconds * 1e9)
        lock.lock()
        if let (ready, record) = pending {
            let running = versions.last?.number ?? 0
            guard now > record.readyAt + limit else { return lock.unlock() }
            let seconds = Double(now - record.readyAt) / 1e9
            guard let iteration = loopIteration else {
                // Between two iterations of hot_loop: its hot_check swaps the new version in now.
                if isLooping { return lock.unlock() }
                lock.unlock()
                reportOverrunOnce(.overran(version: running, newer: ready.number, seconds: seconds, reason: .notInLoop), newer: ready.number)
                return
            }
            let hotCode = (versions + retired).map(\.addressRange)
            lock.unlock()
            if interrupt(iteration, in: hotCode) == Int32(HOT_INTERRUPT_NOT_IN_VAIS_CODE) {
                reportOverrunOnce(.overran(version: running, newer: ready.number, seconds: seconds, reason: .inCCode), newer: ready.number)
            }
            return
        }
        // A program that never calls hot_check got the newer version at
        // once; a call still running in an older one is stuck there.
        guard !isManaged, let current = versions.last, current.number != reportedOverrun,
              let swappedAt = currentSwappedAt, now > swappedAt + limit else { return lock.unlock() }
        reportedOverrun = current.number
        let older = (versions.dropLast() + retired)
        lock.unlock()
        guard let frames = programStack(), let stuck = older.first(where: { version in frames.contains { version.contains($0) } }) else { return }
        emit(.overran(version: stuck.number, newer: current.number, seconds: Double(now - swappedAt) / 1e9, reason: .notInLoop))
    }

    private func reportOverrunOnce(_ event: ReloadEvent, newer: Int) {
        lock.lock()
        let isNew = reportedOverrun != newer
        reportedOverrun = newer
        lock.unlock()
        if isNew { emit(event) }
    }

    private func interrupt(_ iteration: (thread: pthread_t, token: UInt64), in hotCode: [Range<UInt>]) -> Int32 {
        let bounds = hotCode.flatMap { [$0.lowerBound, $0.upperBound] }
        return bounds.withUnsafeBufferPointer { buffer in
            hot_guard_interrupt(iteration.thread, iteration.token, buffer.baseAddress, Int32(hotCode.count), 200)
        }
    }

    /// One `hot_loop` iteration under the crash guard, which the watchdog
    /// may interrupt. Returns what `hot_guard_call_interruptible` returns.
    func runIteration(_ update: @escaping @convention(c) () -> Int64, result: inout Int64, crash: inout hot_crash) -> Int32 {
        lock.lock()
        let token = nextLoopToken
        nextLoopToken += 1
        loopIteration = (pthread_self(), token)
        lock.unlock()
        let outcome = hot_guard_call_interruptible(update, token, &result, &crash)
        lock.lock()
        loopIteration = nil
        lock.unlock()
        return outcome
    }

    /// After an interrupt: says so; the loop's next `hot_check` swaps in
    /// the version that was waiting.
    func noteInterrupted() {
        let now = MonotonicClock.now()
        lock.lock()
        let running = versions.last?.number ?? 0
        let waiting = pending
        lock.unlock()
        guard let waiting else { return }
        emit(.interrupted(version: running, newer: waiting.version.number, seconds: Double(now - waiting.record.readyAt) / 1e9))
    }
}

import Foundation
import SystemProbes

extension Reloader {
    /// Points the slots at `version`; the caller holds `lock`. Versions
    /// beyond the retained window are retired.
    func swapLocked(to version: LoadedVersion, record: ReloadRecord) -> ReloadRecord {
        let start = MonotonicClock.now()
        if let assignment = assignments[version.number] { slots.point(to: assignment, traced: tracedFunctions) }
        let end = MonotonicClock.now()
        versions.append(version)
        currentSwappedAt = end
        while versions.count > configuration.retainedVersions {
            retired.append(versions.removeFirst())
        }
        var swapped = record
        swapped.swapNanoseconds = end - start
        swapped.swappedAt = end
        return swapped
    }

    /// Tells the observer and the program's callbacks about a swap. Called
    /// with `lock` released: the observer may measure (read /proc), and the
    /// program's thread may be the caller.
    func announce(_ record: ReloadRecord) {
        emit(.swapped(record))
        lock.lock()
        let registered = callbacks
        lock.unlock()
        for callback in registered { callback(Int64(record.version)) }
    }

    /// `hot_check`: swaps in a version that is already built and loaded.
    /// 1 if it swapped, 0 if nothing changed, -1 if an edit failed since
    /// the last check (the program keeps the version it had).
    public func check() -> Int64 {
        lock.lock()
        isManaged = true
        guard let (version, record) = pending else {
            let failed = failedSinceCheck
            failedSinceCheck = false
            lock.unlock()
            return failed ? -1 : 0
        }
        pending = nil
        failedSinceCheck = false
        let swapped = swapLocked(to: version, record: record)
        let hasRetired = !retired.isEmpty
        lock.unlock()
        announce(swapped)
        if hasRetired { reclaimRetired() }
        return 1
    }

    /// `hot_reload`: rebuilds now, on the calling thread, and swaps.
    public func reloadNow() -> Int64 {
        let wasManaged = markManaged()
        defer { if !wasManaged { unmarkManaged() } }
        guard rebuild(detectedAt: MonotonicClock.now(), force: true) else {
            lock.lock()
            failedSinceCheck = false
            lock.unlock()
            return -1
        }
        return check()
    }

    private func markManaged() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = isManaged
        isManaged = true
        return was
    }

    private func unmarkManaged() {
        lock.lock()
        isManaged = false
        lock.unlock()
    }

    public func onReload(_ callback: @escaping @convention(c) (Int64) -> Void) {
        lock.lock()
        callbacks.append(callback)
        lock.unlock()
    }
}

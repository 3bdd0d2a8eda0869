import CHotSupport
import CUnwind
import Foundation
import Profiling
import VaisCompiler

extension Reloader {
    /// Points the slots at `version`; the caller holds `lock`. Versions
    /// beyond the retained window are retired.
    func swapLocked(to version: LoadedVersion, record: ReloadRecord) -> ReloadRecord {
        let start = MonotonicClock.now()
        slots.point(to: version, traced: tracedFunctions)
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
    /// with `lock` released: the RSS sample reads /proc, and the program's
    /// thread may be the caller.
    func announce(_ swapped: ReloadRecord) {
        var record = swapped
        record.rssAfter = MemorySampler.residentBytes()
        recorder.map { record.record(into: $0) }
        emit(.swapped(record))
        lock.lock()
        let registered = callbacks
        lock.unlock()
        for callback in registered { callback(Int64(record.version)) }
    }

    // MARK: The runtime API

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

    // MARK: Unloading

    /// Unloads retired versions in which no call can still be running: no
    /// frame of the program's stack is in them.
    func reclaimRetired() {
        lock.lock()
        let candidates = retired
        lock.unlock()
        guard !candidates.isEmpty, let frames = programStack() else { return }
        let idle = candidates.filter { version in !frames.contains { version.contains($0) } }
        guard !idle.isEmpty else { return }
        lock.lock()
        retired.removeAll { version in idle.contains { $0 === version } }
        lock.unlock()
        for version in idle {
            onVersionUnloading?(version)
            recorder?.counter("rss", at: MonotonicClock.now(), value: Double(MemorySampler.residentBytes()))
            let start = MonotonicClock.now()
            let unmapped = loader.unload(version)
            let end = MonotonicClock.now()
            history.unloaded(version.number, stillMapped: !unmapped)
            recorder?.span("unload v\(version.number)", track: "unloads", start: start, end: end, version: version.number)
            recorder?.counter("rss", at: end, value: Double(MemorySampler.residentBytes()))
            emit(.unloaded(version: version.number, unmapped: unmapped))
        }
    }

    /// When a loaded version served its first call (monotonic), read from
    /// the stamp its hot part writes; nil before that.
    public func firstCallTime(of number: Int) -> UInt64? {
        lock.lock()
        defer { lock.unlock() }
        guard let version = (versions + retired).first(where: { $0.number == number }),
              let stamp = dlsym(version.handle, HotSplit.firstCallTimeSymbol) else { return nil }
        let seconds = stamp.load(as: Int64.self)
        let nanoseconds = stamp.load(fromByteOffset: 8, as: Int64.self)
        guard seconds > 0 || nanoseconds > 0 else { return nil }
        let time = UInt64(seconds) * 1_000_000_000 + UInt64(nanoseconds)
        history.firstCall(number, at: time)
        return time
    }

    /// Calls served so far by each loaded version (its hot part counts them).
    public func callCounts() -> [Int: UInt64] {
        lock.lock()
        defer { lock.unlock() }
        var counts: [Int: UInt64] = [:]
        for version in versions + retired {
            if let counter = dlsym(version.handle, HotSplit.callCounterSymbol) {
                counts[version.number] = counter.load(as: UInt64.self)
            }
        }
        return counts
    }

    /// Process RSS, and what each loaded version maps (one row per version).
    public func sampleMemory() -> [MemorySample] {
        lock.lock()
        let loaded = versions + retired + (pending.map { [$0.version] } ?? [])
        lock.unlock()
        let now = MonotonicClock.now()
        let at = recorder.map { $0.relative(now) } ?? now
        let rss = MemorySampler.residentBytes()
        let usage = MemorySampler.usage(of: Set(loaded.map(\.path)))
        var samples = [MemorySample(at: at, version: nil, rss: rss, mapped: 0, resident: 0, proportional: 0)]
        for version in loaded.sorted(by: { $0.number < $1.number }) {
            let use = usage[version.path] ?? MemorySampler.Usage()
            samples.append(MemorySample(at: at, version: version.number, rss: rss, mapped: use.mapped, resident: use.resident,
                                        proportional: use.proportional))
            recorder?.counter("mapped v\(version.number)", at: now, value: Double(use.mapped))
        }
        recorder?.counter("rss", at: now, value: Double(rss))
        return samples
    }

    // MARK: Crashes

    /// Which version and function an address belongs to.
    func attribute(_ pc: UInt) -> (version: Int?, function: String?) {
        lock.lock()
        defer { lock.unlock() }
        guard let version = (versions + retired).first(where: { $0.contains(pc) }) else { return (nil, nil) }
        let function = version.entryPoints
            .filter { UInt(bitPattern: $0.value) <= pc }
            .max { UInt(bitPattern: $0.value) < UInt(bitPattern: $1.value) }?.key
        return (version.number, function)
    }

    public func report(for crash: hot_crash) -> CrashReport {
        let (version, function) = attribute(UInt(crash.pc))
        return CrashReport(signal: crash.signal, pc: UInt(crash.pc), faultAddress: UInt(crash.address), version: version, function: function,
                           sourceLine: sourceLineResolver?(UInt(crash.pc)))
    }

    /// After a crash in hot code: points the slots back at the newest
    /// retained version older than the one that crashed. Returns false when
    /// there is none to go back to.
    public func rollBack(after crash: CrashReport) -> Bool {
        lock.lock()
        guard let current = versions.last else {
            lock.unlock()
            return false
        }
        let culprit = crash.version ?? current.number
        badVersions.insert(culprit)
        history.crashed(culprit)
        history.failed(.crashed, "\(crash)")
        guard let target = versions.last(where: { $0.number < culprit && !badVersions.contains($0.number) }) else {
            lock.unlock()
            return false
        }
        slots.point(to: target, traced: tracedFunctions)
        let dropped = versions.filter { $0.number > target.number }
        versions.removeAll { $0.number > target.number }
        retired.append(contentsOf: dropped)
        lock.unlock()
        emit(.rolledBack(from: culprit, to: target.number, crash: crash))
        return true
    }

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

/// Ends the process after a crash the program cannot recover from.
public enum CrashExit {
    public static func terminate(_ report: CrashReport) -> Never {
        fflush(nil)
        let message = "vais-hot: the program crashed: \(report). No earlier version to roll back to, so it stops here.\n"
        FileHandle.standardError.write(Data(message.utf8))
        exit(128 + report.signal)
    }
}

import Foundation
import SystemProbes

extension Reloader {
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
            emit(.unloading(version: version.number))
            let start = MonotonicClock.now()
            let unmapped = loader.unload(version)
            let end = MonotonicClock.now()
            history.unloaded(version.number, stillMapped: !unmapped)
            emit(.unloaded(version: version.number, unmapped: unmapped, start: start, end: end))
        }
    }
}

import Foundation
import SystemProbes

extension Reloader {
    /// Unloads retired versions that nothing can reach: no slot of a
    /// retained or pending version's assignment points into them (a
    /// partial version leaves the other slots on older code), and no frame
    /// of the program's stack, return addresses included, is in them.
    /// Stored code pointers need no check: a function value of a hot
    /// function is its host stub, which calls through the slot.
    func reclaimRetired() {
        lock.lock()
        let live = Set(versions.map(\.number) + (pending.map { [$0.version.number] } ?? []))
        assignments = assignments.filter { live.contains($0.key) }
        let inUse = Array(assignments.values)
        let candidates = retired.filter { version in !inUse.contains { $0.uses(version) } }
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

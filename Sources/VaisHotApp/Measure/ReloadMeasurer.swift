import Documents
import Foundation
import HotReload
import SystemProbes

/// The observer that measures what the reloader does: process RSS around
/// each reload and each unload, the spans of every reload's stages into a
/// recorder, the memory each loaded version maps, and when each version
/// served its first call.
final class ReloadMeasurer: @unchecked Sendable {
    let recorder: Recorder
    /// Whether the RSS around each reload is kept for a report (a profile);
    /// `run` keeps none, so it holds nothing more however long it runs.
    private let keepsReloads: Bool
    private let lock = NSLock()
    /// Process RSS before a version was loaded, until it is swapped in (a
    /// build that fails to load is replaced by the next under its number).
    private var rssBeforeLoading: [Int: UInt64] = [:]
    /// Process RSS before each version was loaded and right after its swap.
    private var rssAroundReloads: [Int: (before: UInt64, after: UInt64)] = [:]
    private var firstCalls: [Int: UInt64] = [:]

    init(recorder: Recorder, keepsReloads: Bool) {
        self.recorder = recorder
        self.keepsReloads = keepsReloads
    }

    /// Called with each event, on the reloader's thread, before anyone else sees it.
    func observe(_ event: ReloadEvent) {
        switch event {
        case .built(let version):
            let rss = MemorySampler.residentBytes()
            lock.withLock { rssBeforeLoading[version] = rss }
        case .swapped(let record):
            let rss = MemorySampler.residentBytes()
            lock.withLock {
                let before = rssBeforeLoading.removeValue(forKey: record.version) ?? 0
                if keepsReloads { rssAroundReloads[record.version] = (before, rss) }
            }
            record.record(into: recorder)
        case .unloading:
            recorder.counter("rss", at: MonotonicClock.now(), value: Double(MemorySampler.residentBytes()))
        case .unloaded(let version, _, let start, let end):
            recorder.span("unload v\(version)", track: "unloads", start: start, end: end, version: version)
            recorder.counter("rss", at: end, value: Double(MemorySampler.residentBytes()))
        default:
            break
        }
    }

    /// Process RSS before `version` was loaded and after it was swapped in
    /// (0 when not seen, or not kept).
    func rss(of version: Int) -> (before: UInt64, after: UInt64) {
        lock.withLock { rssAroundReloads[version] ?? (0, 0) }
    }

    /// When `version` served its first call, read from the stamp its hot
    /// part writes while it is loaded and kept from then on.
    func firstCallTime(of version: Int, in reloader: Reloader) -> UInt64? {
        if let known = lock.withLock({ firstCalls[version] }) { return known }
        guard let loaded = reloader.allLoadedVersions.first(where: { $0.number == version }),
              let time = HotPartCounters.firstCallTime(of: loaded) else { return nil }
        lock.withLock { firstCalls[version] = firstCalls[version] ?? time }
        return time
    }

    /// Calls `version` has served so far, while it is loaded.
    func calls(of version: Int, in reloader: Reloader) -> UInt64 {
        reloader.allLoadedVersions.first { $0.number == version }.flatMap(HotPartCounters.calls) ?? 0
    }

    /// Process RSS, and what each loaded version maps (one row per version).
    func sampleMemory(_ reloader: Reloader) -> [MemorySample] {
        // A version may pass from pending to loaded between the two looks: count it once.
        var seen = Set<Int>()
        let loaded = (reloader.allLoadedVersions + (reloader.pendingVersion.map { [$0] } ?? [])).filter { seen.insert($0.number).inserted }
        let now = MonotonicClock.now()
        let at = recorder.relative(now)
        let rss = MemorySampler.residentBytes()
        let usage = MemorySampler.usage(of: Set(loaded.map(\.path)))
        var samples = [MemorySample(at: at, version: nil, rss: rss, mapped: 0, resident: 0, proportional: 0)]
        for version in loaded.sorted(by: { $0.number < $1.number }) {
            let use = usage[version.path] ?? MemorySampler.Usage()
            samples.append(MemorySample(at: at, version: version.number, rss: rss, mapped: use.mapped, resident: use.resident,
                                        proportional: use.proportional))
            recorder.counter("mapped v\(version.number)", at: now, value: Double(use.mapped))
        }
        recorder.counter("rss", at: now, value: Double(rss))
        return samples
    }
}

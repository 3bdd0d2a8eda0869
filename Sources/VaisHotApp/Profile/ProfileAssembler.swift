import Documents
import Foundation
import HotReload
import SystemProbes

/// Turns what a session collected into the `ProfileDocument` the reports
/// are written from.
struct ProfileAssembler {
    let session: ProfileSession

    func document(reloader: Reloader, records: [ReloadRecord], samples: [MemorySample], plan: EditPlan?) -> ProfileDocument {
        let history = reloader.history
        let measurer = session.measurer
        let recorder = measurer.recorder
        let firstCalls = Dictionary(uniqueKeysWithValues: records.compactMap { record in
            measurer.firstCallTime(of: record.version, in: reloader).map { (record.version, $0) }
        })
        let reloads = records.map { record -> ReloadMeasurement in
            var phases: [Phase: UInt64] = [:]
            for (phase, _, duration) in record.phases { phases[phase] = duration }
            let rss = measurer.rss(of: record.version)
            if let first = firstCalls[record.version], first >= record.swappedAt {
                phases[.firstCall] = first - record.swappedAt
            }
            return ReloadMeasurement(version: record.version, changed: record.changedFunctions, detectedAt: recorder.relative(record.detectedAt),
                                     phases: phases, lookups: record.load.dlsym.map { SymbolLookup(name: $0.name, nanoseconds: $0.nanoseconds) },
                                     total: record.total, rssBefore: rss.before, rssAfter: rss.after, rebuilt: record.rebuiltFunctions,
                                     hotFunctionCount: record.hotFunctionCount)
        }
        var snapshot = recorder.snapshot()
        for record in records {
            if let first = firstCalls[record.version], first >= record.swappedAt {
                snapshot.spans.append(Span(name: "first call v\(record.version)", track: "program", start: recorder.relative(record.swappedAt),
                                           duration: first - record.swappedAt, version: record.version))
            }
        }
        let settings = session.settings
        var described: [String: SettingValue] = [
            "reloads": .integer(settings.reloads),
            "frames": .integer(settings.frames),
            "edits": .text(settings.interactive ? "interactive" : (settings.editScript == nil ? "tune a constant in each hot function" : "edit script")),
            "optimization": "-O\(settings.recipe.optimization)",
            "retainedVersions": .integer(settings.reloader.retainedVersions),
            "debounceMilliseconds": .integer(settings.reloader.debounceMilliseconds),
            "sourceLines": .integer(sourceLines(settings.recipe.sourcePath)),
        ]
        if let plan { described["editSteps"] = .integer(plan.steps.count) }
        return ProfileDocument(program: settings.recipe.sourcePath, startedAt: session.startedAt, machine: .current(),
                               toolchain: .probe(reloader.builder?.toolchain ?? Toolchain(clang: "clang"), hotPartBackend: reloader.builder?.backend),
                               settings: described,
                               reloads: reloads,
                               failures: history.allFailures.map { FailedReload(at: recorder.relative($0.at), kind: $0.kind, message: $0.message) },
                               versions: versions(reloader, recorder: recorder), memory: samples,
                               spans: snapshot.spans, instants: snapshot.instants, counters: snapshot.counters)
    }

    private func versions(_ reloader: Reloader, recorder: Recorder) -> [VersionInfo] {
        let (retained, _) = reloader.loadedVersions
        let current = retained.last
        let usedBySlots = reloader.versionsUsedBySlots
        return reloader.history.allEntries.map { entry in
            let state: VersionInfo.State
            if entry.unloadedAt != nil {
                state = entry.stillMapped ? .unloadFailed : .unloaded
            } else if entry.crashed {
                state = .crashed
            } else if entry.number == current {
                state = .current
            } else if retained.contains(entry.number) {
                state = .retained
            } else if usedBySlots.contains(entry.number) {
                state = .slotsUseIt
            } else {
                state = .callsRunning
            }
            return VersionInfo(number: entry.number, loadedAt: recorder.relative(entry.loadedAt),
                               unloadedAt: entry.unloadedAt.map { recorder.relative($0) }, state: state, sections: entry.sections,
                               fileBytes: entry.fileBytes)
        }
    }

    private func sourceLines(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false).count
    }
}

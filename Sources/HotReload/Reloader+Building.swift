import Foundation
import Profiling
import VaisCompiler

extension Reloader {
    /// Builds and loads a new version. Returns it (with its record) or nil
    /// when nothing new was loaded; reports what happened either way.
    @discardableResult
    func rebuild(detectedAt: UInt64, force: Bool) -> Bool {
        buildLock.lock()
        defer { buildLock.unlock() }
        guard let builder else { return false }
        if !force, let digest = currentSourceDigest(builder), digest == lastDigest {
            emit(.unchanged)
            return false
        }
        let number = nextVersion
        let build: HotPartBuilder.Build
        switch builder.build(hotPartTo: directory.file("staging.so")) {
        case .success(let result):
            build = result
        case .failure(let failure):
            noteFailure()
            history.failed(.compileError, failure.description)
            emit(.buildFailed(diagnostics: failure.description))
            return false
        }
        lastDigest = build.sourceDigest
        watcher.watch(build.sourceFiles)
        let rssBefore = MemorySampler.residentBytes()
        switch loader.load(build.candidate, as: number) {
        case .success(let (version, warnings)):
            // Ready from here: what follows until the swap (bookkeeping, a
            // tracer's registration, the wait for hot_check) is `waitForCheck`.
            let readyAt = MonotonicClock.now()
            nextVersion += 1
            for warning in warnings { emit(.warning(warning)) }
            let changed = build.bodyHashes.keys.filter { build.bodyHashes[$0] != lastBodyHashes[$0] }.sorted()
            lastBodyHashes = build.bodyHashes
            let record = ReloadRecord(version: number, changedFunctions: changed, detectedAt: detectedAt,
                                      build: build.timings, load: version.timings, readyAt: readyAt, rssBefore: rssBefore)
            history.loaded(version)
            onVersionLoaded?(version)
            offer(version, record)
            return true
        case .failure(let failure):
            noteFailure()
            if case .refused(let reasons) = failure {
                history.failed(.refused, reasons.joined(separator: "; "))
                emit(.refused(reasons: reasons))
            } else {
                history.failed(.refused, failure.description)
                emit(.buildFailed(diagnostics: failure.description))
            }
            return false
        }
    }

    private func noteFailure() {
        lock.lock()
        failedSinceCheck = true
        lock.unlock()
    }

    /// A digest of the watched files as they are on disk now, to skip
    /// saves that changed nothing.
    private func currentSourceDigest(_ builder: HotPartBuilder) -> String? {
        let probe = Compiler.parse(path: builder.settings.sourcePath, options: builder.settings.compileOptions)
        return SourceDigest.fnv1a(probe.sources.files.flatMap { Array($0.path.utf8) + $0.bytes })
    }

    /// Hands a loaded version over: it waits for `hot_check` when the
    /// program manages reloads, and is swapped in at once otherwise.
    private func offer(_ version: LoadedVersion, _ record: ReloadRecord) {
        lock.lock()
        if isManaged {
            let superseded = pending?.version
            pending = (version, record)
            if let superseded { retired.append(superseded) }
            lock.unlock()
            emit(.ready(version: version.number))
            return
        }
        let swapped = swapLocked(to: version, record: record)
        lock.unlock()
        announce(swapped)
        reclaimRetired()
    }
}

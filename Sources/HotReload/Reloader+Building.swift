import Foundation
import SystemProbes
import VaisCompiler

extension Reloader {
    /// Builds and loads a new version. Returns it (with its record) or nil
    /// when nothing new was loaded; reports what happened either way.
    @discardableResult
    func rebuild(detectedAt: UInt64, force: Bool) -> Bool {
        buildLock.lock()
        defer { buildLock.unlock() }
        guard let builder else { return false }
        // A save that changed nothing since the last build, good or refused, is not built (nor its errors printed) again.
        let digest = currentSourceDigest()
        if !force, let digest, digest == lastDigest || digest == lastRejectedDigest {
            emit(.unchanged)
            return false
        }
        let number = nextVersion
        let build: HotPartBuilder.Build
        // A save rebuilds only the hot functions whose code changed; a
        // forced reload (`hot_reload`) rebuilds them all.
        lock.lock()
        let running = force ? nil : latestAssignment?.digests
        lock.unlock()
        switch builder.build(hotPartTo: directory.file(Self.stagingName), scratch: directory, withHost: false, hostLibrary: host.library,
                             runningDigests: running, runningHost: runningManifest) {
        case .success(let result):
            build = result
        case .failure(.refused(let reasons)):
            refuse(reasons, digest: digest)
            return false
        case .failure(let failure):
            noteFailure()
            if case .diagnostics = failure { lastRejectedDigest = digest }
            history.failed(.compileError, failure.description)
            emit(.buildFailed(diagnostics: failure.description))
            return false
        }
        lastDigest = build.sourceDigest
        lastRejectedDigest = nil
        // Watching resolves every path again (file system calls that can
        // stall for milliseconds on a busy disk): only when the files changed.
        if build.sourceFiles != lastSourceFiles { watcher.watch(build.sourceFiles) }
        lastSourceFiles = build.sourceFiles
        emit(.built(version: number))
        switch loader.load(build.candidate, as: number, against: runningManifest) {
        case .success(let (version, warnings)):
            guard adoptSpares(of: build) else {
                loader.unload(version)
                refuse(["the running host lacks a spare slot the new version was built for; restart"], digest: digest)
                return false
            }
            // Ready from here: what follows until the swap (bookkeeping, a
            // tracer's registration, the wait for hot_check) is `waitForCheck`.
            let readyAt = MonotonicClock.now()
            nextVersion += 1
            for warning in warnings { emit(.warning(warning)) }
            let changed = build.bodyHashes.keys.filter { build.bodyHashes[$0] != lastBodyHashes[$0] }.sorted()
            lastBodyHashes = build.bodyHashes
            let record = ReloadRecord(version: number, changedFunctions: changed, rebuiltFunctions: build.hotFunctions.map(\.name).sorted(),
                                      hotFunctionCount: Set(build.digests.keys).union(build.hotFunctions.map(\.name)).count, detectedAt: detectedAt,
                                      build: build.timings, load: version.timings, readyAt: readyAt)
            lock.lock()
            if let latest = latestAssignment { assignments[number] = latest.overlaid(with: version, digests: build.digests) }
            lock.unlock()
            history.loaded(version)
            onVersionLoaded?(version)
            offer(version, record)
            return true
        case .failure(let failure):
            if case .refused(let reasons) = failure {
                refuse(reasons, digest: digest)
            } else {
                noteFailure()
                history.failed(.refused, failure.description)
                emit(.buildFailed(diagnostics: failure.description))
            }
            return false
        }
    }

    /// What the slots run once the pending version (if any) is swapped in;
    /// the caller holds `lock`.
    var latestAssignment: SlotAssignment? {
        pending.flatMap { assignments[$0.version.number] } ?? versions.last.flatMap { assignments[$0.number] }
    }

    /// An edit the running program cannot take: not built again until the source changes.
    private func refuse(_ reasons: [String], digest: String?) {
        noteFailure()
        lastRejectedDigest = digest
        history.failed(.refused, reasons.joined(separator: "; "))
        emit(.refused(reasons: reasons))
    }

    /// Gives the functions that took a spare slot in `build` their slots in
    /// the table and their entries in the running manifest, which every
    /// later build keeps them to, with its closures' sources, which later
    /// builds are compared with. False when the host lacks a spare slot.
    private func adoptSpares(of build: HotPartBuilder.Build) -> Bool {
        let before = runningManifest.spareOwners
        lock.lock()
        let found = (try? slots.addSpares(of: build.hotFunctions)) != nil
        lock.unlock()
        guard found else { return false }
        runningManifest = runningManifest.adoptingSpares(of: build.manifest).adoptingClosureSources(of: build.manifest)
        var held = before.count
        for (name, slot) in runningManifest.spareOwners.sorted(by: { $0.value < $1.value }) where before[name] == nil {
            held += 1
            emit(.spareSlotTaken(function: name, slot: slot, free: runningManifest.spareCapacity - held))
            onSpareSlotTaken?(name)
        }
        return true
    }

    private func noteFailure() {
        lock.lock()
        failedSinceCheck = true
        lock.unlock()
    }

    /// A digest of the last build's files as they are on disk now, to skip
    /// saves that changed nothing; the files are read, not parsed again.
    /// Nil (build) when one cannot be read or none is known yet.
    private func currentSourceDigest() -> String? {
        guard !lastSourceFiles.isEmpty else { return nil }
        var files: [(path: String, bytes: [UInt8])] = []
        for path in lastSourceFiles {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            files.append((path, Array(data)))
        }
        return HotPartBuilder.digest(files)
    }

    /// Hands a loaded version over: it waits for `hot_check` when the
    /// program manages reloads, and is swapped in at once otherwise.
    private func offer(_ version: LoadedVersion, _ record: ReloadRecord) {
        lock.lock()
        if isManaged {
            let superseded = pending?.version
            pending = (version, record)
            if let superseded {
                // Its code stays mapped while the new pending version's slots use it.
                assignments[superseded.number] = nil
                retired.append(superseded)
            }
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

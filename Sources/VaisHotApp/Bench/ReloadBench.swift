import Documents
import Foundation
import HotReload

/// Reloads of the game as a developer makes them (a one-line edit of a
/// constant in one hot function, saved), with the program running: the
/// phases, detection to swap and edit to first call, and the memory of the
/// versions.
struct ReloadBench {
    let settings: BenchRunner.Settings
    let progress: @Sendable (String) -> Void

    func run() throws -> [BenchMetric] {
        let reloads = settings.suite == .quick ? 50 : 100
        let folder = settings.workFolder + "/reload"
        // Reloads as `vais-hot run` makes them: with debug info.
        var recipe = settings.game
        recipe.compileOptions.debugInfo = true
        let configuration = Reloader.Configuration(buildRoot: folder + "/build", retainedVersions: 3, debounceMilliseconds: 20)
        let session = ProfileSession(settings: .init(recipe: recipe, reloads: reloads, frames: 5, editScript: nil,
                                                     interactive: false, duration: nil, outputFolder: folder + "/out",
                                                     reloader: configuration)) { [progress] update in
            progress("reload \(update.completed) of \(reloads)")
        }
        let document = try SilencedOutput.during {
            let document = try session.run()
            session.finish()
            session.waitForProgram(seconds: 10)
            return document
        }
        defer { session.reloader?.removeBuildDirectory() }
        let measured = document.reloads
        guard measured.count >= reloads / 2 else { throw BenchFailure.noReloads("\(measured.count) of \(reloads) edits were swapped in") }
        func phase(_ phase: Phase) -> [Double] { measured.map { Double($0.duration(phase)) } }
        var metrics = [
            // Reading and walking an ELF file is plain CPU work; dlopen is the dynamic linker's.
            BenchMetric(name: "reload/elf check", kind: .time, samples: phase(.elfCheck), gate: .ratio, reference: MachineReferences.cpuLoop),
            BenchMetric(name: "reload/dlopen", kind: .time, samples: phase(.dlopen), target: "load", gate: .ratio,
                        reference: MachineReferences.dynamicLoad),
            BenchMetric(name: "reload/dlsym per symbol", kind: .time, samples: measured.flatMap { $0.lookups.map { Double($0.nanoseconds) } },
                        target: "lookup"),
            BenchMetric(name: "reload/swap", kind: .time, samples: phase(.swap), target: "swap"),
            BenchMetric(name: "reload/total without compile", kind: .time, samples: measured.map { Double($0.overhead) }, target: "overhead",
                        gate: .ratio, reference: MachineReferences.dynamicLoad),
            // The hot part's back end (LLVM and lld in process unless VAIS_BACKEND=clang or
            // libVaisBackend.so is missing): gated against clang's own start-up, the cost it replaces.
            BenchMetric(name: "reload/codegen", kind: .time, samples: phase(.codegen), gate: .ratio, reference: MachineReferences.clangStartUp),
            BenchMetric(name: "reload/link", kind: .time, samples: phase(.link), gate: .ratio, reference: MachineReferences.clangStartUp),
            // Each edit changes one hot function, which is all a partial reload rebuilds.
            BenchMetric(name: "reload/detection to swap, one function", kind: .time, samples: measured.map { Double($0.total) },
                        target: "reload", gate: .ratio, reference: MachineReferences.clangStartUp),
            BenchMetric(name: "reload/edit to first call, one function", kind: .time,
                        samples: measured.compactMap { reload in reload.phases[.firstCall].map { Double(reload.total + $0) } },
                        target: "reload.first-call", gate: .ratio, reference: MachineReferences.clangStartUp),
        ]
        metrics += memoryMetrics(document)
        return metrics
    }

    /// What each version mapped and kept resident at its largest, how RSS
    /// grew over the reloads, and what unloaded versions left mapped.
    private func memoryMetrics(_ document: ProfileDocument) -> [BenchMetric] {
        var mapped: [Int: UInt64] = [:]
        var resident: [Int: UInt64] = [:]
        for sample in document.memory {
            guard let version = sample.version else { continue }
            mapped[version] = max(mapped[version] ?? 0, sample.mapped)
            resident[version] = max(resident[version] ?? 0, sample.resident)
        }
        // RSS early and late in the reloads, ten reloads each so the metric
        // has a spread: growth shows as the second rising above the first.
        // (Growth itself hovers near zero, where a percentage means nothing.)
        let rss = document.reloads.map { Double($0.rssAfter) }
        let early = Array(rss.prefix(10))
        let late = Array(rss.suffix(10))
        let unloaded = document.versions.filter { $0.unloadedAt != nil }
        let leftMapped = unloaded.map { version in
            Double(document.memory.filter { $0.version == version.number && $0.at > (version.unloadedAt ?? 0) }.map(\.mapped).max() ?? 0)
        }
        return [
            BenchMetric(name: "memory/mapped per version", kind: .bytes, samples: mapped.values.map { Double($0) }, target: "memory.version"),
            BenchMetric(name: "memory/resident per version", kind: .bytes, samples: resident.values.map { Double($0) }),
            BenchMetric(name: "memory/rss after the first 10 reloads", kind: .bytes, samples: early.isEmpty ? [0] : early),
            BenchMetric(name: "memory/rss after the last 10 reloads", kind: .bytes, samples: late.isEmpty ? [0] : late),
            BenchMetric(name: "memory/left mapped after unload", kind: .bytes, samples: leftMapped.isEmpty ? [0] : leftMapped),
        ]
    }
}

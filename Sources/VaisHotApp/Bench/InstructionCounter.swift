import Documents
import Foundation
import HotReload

/// Counts the instructions of `CountedOperations` under Valgrind's
/// callgrind: it runs a copy of this very executable, stripped of its debug
/// information (Debian's valgrind 3.19 cannot read the Swift toolchain's
/// DWARF and gives up on a binary that has it), as `vais-hot bench-count`,
/// counting only inside `vais_counted_region` and dumping after each call
/// of it. A count is the same on any machine and under any load, so it is
/// what gates the CPU-bound metrics.
struct InstructionCounter {
    let settings: BenchRunner.Settings
    let toolchain: Toolchain
    let progress: @Sendable (String) -> Void

    enum Failure: Error, CustomStringConvertible {
        case valgrindMissing
        case stripFailed(String)
        case valgrindFailed(String)
        case unreadable(String)

        var description: String {
            switch self {
            case .valgrindMissing:
                "valgrind is not installed, so instructions cannot be counted (apt-get install valgrind, or `make deps-bench`)"
            case .stripFailed(let output): "could not make a copy of vais-hot without debug information: \(output)"
            case .valgrindFailed(let output): "counting instructions under valgrind failed:\n\(output)"
            case .unreadable(let what): "the instruction counts could not be read: \(what)"
            }
        }
    }

    /// valgrind on PATH, if installed.
    static func locateValgrind(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        (environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/valgrind" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func run() throws -> [BenchMetric] {
        guard let valgrind = Self.locateValgrind() else { throw Failure.valgrindMissing }
        progress("instructions (under valgrind)")
        let folder = settings.workFolder + "/instructions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let executable = try strippedCopyOfSelf(in: folder)
        let manifestPath = folder + "/manifest.json"
        let outputBase = folder + "/callgrind.out"
        // A dump as each region starts and one as it ends: the even dumps hold
        // exactly the regions, whatever the threads' collection state (a new
        // thread's does not start from --collect-atstart, so toggling by
        // function is not to be trusted).
        var arguments = ["--tool=callgrind", "--dump-before=vais_counted_region", "--dump-after=vais_counted_region",
                         "--callgrind-out-file=" + outputBase,
                         executable, "bench-count", "--game", settings.game.sourcePath, "--work", folder + "/work", "--manifest", manifestPath]
        if let standardLibrary = settings.game.compileOptions.standardLibrary { arguments += ["--std", standardLibrary] }
        let outcome = try ProcessRunner.run(valgrind, arguments)
        guard outcome.succeeded else { throw Failure.valgrindFailed(String(outcome.output.suffix(4_000))) }
        let manifest: CountedOperations.Manifest
        do {
            manifest = try JSONDecoder().decode(CountedOperations.Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        } catch {
            throw Failure.unreadable("\(manifestPath): \(error)")
        }
        return try manifest.operations.enumerated().map { index, operation in
            // callgrind numbers its dumps from 1, in the order they were made: before region 1, region 1, before region 2, ...
            let count = try Self.totalInstructions(inDump: "\(outputBase).\(2 * (index + 1))")
            let perRepetition = count / Double(max(operation.repetitions, 1))
            return BenchMetric(name: operation.name, kind: .instructions, samples: [perRepetition])
        }
    }

    /// The `summary:` line of a callgrind dump: every instruction it counted.
    static func totalInstructions(inDump path: String) throws -> Double {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure.unreadable("no dump \(path)") }
        for line in text.split(separator: "\n") where line.hasPrefix("summary:") {
            if let value = Double(line.dropFirst("summary:".count).trimmingCharacters(in: .whitespaces)) { return value }
        }
        throw Failure.unreadable("\(path) has no summary line")
    }

    /// This executable without its debug sections, by the toolchain's
    /// llvm-objcopy (beside clang) or binutils' strip.
    private func strippedCopyOfSelf(in folder: String) throws -> String {
        let original = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let copy = folder + "/vais-hot-stripped"
        let objcopy = URL(fileURLWithPath: toolchain.clang).deletingLastPathComponent().appendingPathComponent("llvm-objcopy").path
        let outcome = FileManager.default.isExecutableFile(atPath: objcopy)
            ? try ProcessRunner.run(objcopy, ["--strip-debug", original, copy])
            : try ProcessRunner.run("/usr/bin/strip", ["--strip-debug", "-o", copy, original])
        guard outcome.succeeded else { throw Failure.stripFailed(outcome.output) }
        return copy
    }
}

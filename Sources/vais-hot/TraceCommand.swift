import ArgumentParser
import Foundation
import VaisHotApp

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a program hot and trace every call of its #[hot] functions: counts, latency per version, stacks, a timeline.",
        discussion: """
        Each traced function's slot points at a trampoline the compiler emitted for its signature; edits still \
        reload. On exit, writes trace.json (Perfetto), calls.csv, stacks.folded and trace.html to the output folder.
        """
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @Option(help: "Only these hot functions, comma-separated (default: all).")
    var functions: String?

    @Option(help: "stats: counters and histograms; events: also every call's entry and exit.")
    var mode: String = "stats"

    @Option(help: "Measure one call in N (the others are only counted).")
    var sample = 1

    @Flag(help: "Capture the callers' stacks of measured calls (libunwind), named file.vais:line (libdw).")
    var stacks = false

    @Option(name: .customLong("events-per-thread"), help: "Events a thread may buffer; further ones are dropped and counted.")
    var eventCapacity = 1 << 20

    @Option(help: "The output folder (default: reports/trace-NAME-TIME).")
    var out: String?

    @OptionGroup var source: SourceOptions
    @OptionGroup var hot: HotOptions

    func validate() throws {
        guard TracerMode(rawValue: mode) != nil else { throw ValidationError("--mode is stats or events") }
        guard sample >= 1 else { throw ValidationError("--sample must be at least 1") }
        guard eventCapacity >= 1 else { throw ValidationError("--events-per-thread must be at least 1") }
    }

    func run() throws {
        let recipe = hot.recipe(for: file, source: source)
        let settings = TraceSession.Settings(
            recipe: recipe,
            functions: functions.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            tracer: TracerSettings(mode: TracerMode(rawValue: mode) ?? .stats, sampleEvery: sample, eventCapacity: eventCapacity,
                                    stackDepth: stacks ? 16 : 0),
            reloader: hot.configuration)
        try perform { try TraceProgram.run(settings, folder: out ?? TraceProgram.defaultFolder(for: recipe)) }
    }
}

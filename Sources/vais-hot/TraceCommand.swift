import ArgumentParser
import CHotSupport
import Foundation
import HotReload
import HotRuntime
import Profiling
import Reporting
import Tracing

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
        guard Tracer.Mode(rawValue: mode) != nil else { throw ValidationError("--mode is stats or events") }
        guard sample >= 1 else { throw ValidationError("--sample must be at least 1") }
        guard eventCapacity >= 1 else { throw ValidationError("--events-per-thread must be at least 1") }
    }

    func run() throws {
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let folder = out ?? "reports/trace-\(stem)-\(ProfileCommand.timestamp())"
        let settings = TraceSession.Settings(
            recipe: hot.recipe(for: file, source: source),
            functions: functions.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            tracer: Tracer.Settings(mode: Tracer.Mode(rawValue: mode) ?? .stats, sampleEvery: sample, eventCapacity: eventCapacity,
                                    stackDepth: stacks ? 16 : 0),
            reloader: hot.configuration)
        let session: TraceSession
        do {
            session = try TraceSession(settings: settings, observer: ReloadEvent.log)
        } catch {
            Terminal.error(FileFailure.oneLine(error))
            throw ExitCode(1)
        }
        HotRuntime.reloader = session.reloader
        // The trace is written however the program ends; then vais-hot ends as it did: with its
        // exit code, or by the signal that stopped it (a shell sees 143 after SIGTERM, 130 after Ctrl-C).
        let finish: @Sendable (ProgramEnding) -> Never = { ending in
            let document = session.document()
            Terminal.error(TraceSummary.table(document))
            var written = true
            do {
                try FileFailure.attempt("write the trace to", folder) { try TraceReportWriter.write(document, to: URL(fileURLWithPath: folder)) }
                let report = URL(fileURLWithPath: folder).appendingPathComponent("trace.html").standardizedFileURL.path
                Terminal.error("trace: \(report)")
            } catch {
                Terminal.error("error: \(error)")
                written = false
            }
            session.reloader.removeBuildDirectory()
            fflush(nil)
            switch ending {
            case .signalled(let signal):
                hot_exit_signal_reraise(signal)
                Foundation.exit(128 + signal)
            case .exited(let code):
                Foundation.exit(written || code != 0 ? code : 1)
            }
        }
        let interrupt = Interrupt.onSignal { finish(.signalled($0)) }
        let code = ProgramThread.run { session.runProgram() }
        interrupt.cancel()
        finish(.exited(code))
    }
}

/// How the traced program ended.
enum ProgramEnding {
    case exited(Int32)
    case signalled(Int32)
}

/// The per-function, per-version table printed at the end of a trace.
enum TraceSummary {
    static func table(_ document: TraceDocument) -> String {
        var lines = [String(format: "trampoline overhead: %.1f ns per call inside the measured time (subtracted); %@ ns per call in all",
                            document.overheadNanoseconds, document.settings["callCostNanoseconds"]?.description ?? "?")]
        lines.append(pad("function", 24) + pad("v", 4) + pad("calls", 12) + pad("total", 12) + pad("self", 12) + pad("p50", 10)
                     + pad("p90", 10) + pad("p99", 10) + "max")
        for row in document.functions {
            lines.append(pad(row.function, 24) + pad(String(row.version), 4) + pad(String(row.calls), 12) + pad(Units.duration(row.totalNanoseconds), 12)
                         + pad(Units.duration(row.selfNanoseconds), 12) + pad(Units.duration(row.p50), 10) + pad(Units.duration(row.p90), 10)
                         + pad(Units.duration(row.p99), 10) + Units.duration(row.maximum))
        }
        if document.droppedCalls > 0 { lines.append("\(document.droppedCalls) calls were not recorded: the event buffer was full") }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

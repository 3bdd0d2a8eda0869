import CHotSupport
import Foundation
import HotReload
import HotRuntime
import Reporting

/// `vais-hot trace`: runs the program with its hot functions traced and,
/// however it ends, writes the trace to `folder` and prints its summary.
public enum TraceProgram {
    /// The folder a trace goes to when none is named: reports/trace-NAME-TIME.
    public static func defaultFolder(for recipe: BuildRecipe) -> String {
        "reports/trace-\(recipe.programName)-\(ReportFolder.timestamp())"
    }

    /// Never returns: vais-hot ends as the program did, with its exit
    /// code, or by the signal that stopped it (a shell sees 143 after
    /// SIGTERM, 130 after Ctrl-C).
    public static func run(_ settings: TraceSession.Settings, folder: String) throws -> Never {
        let session: TraceSession
        do {
            session = try TraceSession(settings: settings, observer: ReloadEvent.log)
        } catch {
            throw CommandExit(FileFailure.oneLine(error))
        }
        HotRuntime.reloader = session.reloader
        let finish: @Sendable (ProgramEnding) -> Never = { ending in
            let written = write(session, to: folder)
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

    /// Prints the summary and writes the trace's files; false when they could not be written.
    private static func write(_ session: TraceSession, to folder: String) -> Bool {
        let document = session.document()
        Terminal.error(TraceSummary.table(document))
        let untraced = session.untracedFunctions
        if !untraced.isEmpty {
            Terminal.error("not traced: \(untraced.joined(separator: ", ")) (added while the program ran, in spare slots)")
        }
        do {
            try FileFailure.attempt("write the trace to", folder) { try TraceReportWriter.write(document, to: URL(fileURLWithPath: folder)) }
            let report = URL(fileURLWithPath: folder).appendingPathComponent("trace.html").standardizedFileURL.path
            Terminal.error("trace: \(report)")
            return true
        } catch {
            Terminal.error("error: \(error)")
            return false
        }
    }
}

/// How the traced program ended.
enum ProgramEnding {
    case exited(Int32)
    case signalled(Int32)
}

import Foundation
import HotReload
import HotRuntime
import SystemProbes
import Tracing

/// `vais-hot run`: hosts the program in this process and swaps in each
/// saved edit of its hot functions while it runs.
public enum RunProgram {
    /// Versions and failed edits, and spans, instants and counter samples
    /// (each), that a run keeps: bounded however long it runs.
    static let keptHistory = 100
    static let keptRecords = 1_000

    /// Runs the program to its end and returns its exit code.
    public static func run(_ recipe: BuildRecipe, configuration: Reloader.Configuration) throws -> Int32 {
        // Ctrl-C, SIGTERM or SIGHUP: remove the build directory, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        var configuration = configuration
        // Nothing reports the history of a run: keep the recent past, for a debugger, not every reload since start.
        configuration.historyLimit = keptHistory
        // The recorder is cheap enough to keep on: every reload's spans are there for a crash report or a debugger.
        let measurer = ReloadMeasurer(recorder: Recorder(limit: keptRecords), keepsReloads: false)
        let reloader: Reloader
        do {
            reloader = try Reloader.launch(recipe: recipe, configuration: configuration) { event in
                measurer.observe(event)
                ReloadEvent.log(event)
            }
        } catch {
            throw CommandExit(FileFailure.oneLine(error))
        }
        let symbolizer = Symbolizer()
        reloader.sourceLineResolver = { address in
            symbolizer.locate(address).flatMap { location in
                location.file.map { "\(($0 as NSString).lastPathComponent):\(location.line ?? 0)" }
            }
        }
        HotRuntime.reloader = reloader
        reloader.startWatching()
        let code = ProgramThread.run { reloader.runMain() }
        reloader.shutdown()
        fflush(nil)
        return code
    }
}

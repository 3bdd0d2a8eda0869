import ArgumentParser
import Foundation
import HotReload
import HotRuntime
import Profiling
import Tracing

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a program and swap in each saved edit of its #[hot] functions while it runs.",
        discussion: """
        The program runs inside vais-hot: its stdout, stdin and exit code are its own, and \
        one line per reload goes to stderr. A bad edit never stops it: a compile error or \
        an edit the running program cannot take keeps the current version, and a crash in \
        a hot function called through hot_loop rolls back to the version before.
        """
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @OptionGroup var source: SourceOptions
    @OptionGroup var hot: HotOptions

    /// Versions and failed edits, and spans, instants and counter samples
    /// (each), that a run keeps: bounded however long it runs.
    static let keptHistory = 100
    static let keptRecords = 1_000

    func run() throws {
        // Ctrl-C, SIGTERM or SIGHUP: remove the build directory, stop clang, then end as the signal would.
        ExitCleanup.endOnSignals()
        let reloader: Reloader
        var configuration = hot.configuration
        // Nothing reports the history of a run: keep the recent past, for a debugger, not every reload since start.
        configuration.historyLimit = Self.keptHistory
        do {
            reloader = try Reloader.launch(recipe: hot.recipe(for: file, source: source), configuration: configuration, observer: ReloadEvent.log)
        } catch {
            Terminal.error(FileFailure.oneLine(error))
            throw ExitCode(1)
        }
        // The recorder is cheap enough to keep on: every reload's spans are there for a crash report or a debugger.
        reloader.recorder = Recorder(limit: Self.keptRecords)
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
        throw ExitCode(code)
    }
}

import ArgumentParser
import VaisHotApp

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Rebuild a program on every change of its source; with --exec, restart a command after each good build."
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @Option(name: .shortAndLong, help: "The executable to write (default: the file's name, without .vais).")
    var output: String?

    @Option(name: .customLong("exec"), help: "A command to (re)start after each successful build, e.g. ./game.")
    var command: String?

    @Argument(parsing: .postTerminator, help: "Arguments for the --exec command, after --.")
    var arguments: [String] = []

    @Option(name: .customLong("debounce-ms"), help: "How long to wait for more changes after one is seen.")
    var debounceMilliseconds = 100

    @OptionGroup var optimization: OptimizationOption

    @OptionGroup var source: SourceOptions

    func validate() throws {
        guard debounceMilliseconds >= 0 else { throw ValidationError("--debounce-ms cannot be negative") }
    }

    func run() throws {
        let recipe = source.recipe(for: file, optimization: optimization.level)
        let settings = WatchSession.Settings(recipe: recipe, output: output ?? recipe.programName,
                                             command: command.map { [$0] + arguments } ?? [],
                                             debounceMilliseconds: debounceMilliseconds)
        let session = try WatchSession(settings: settings)
        // Ctrl-C or SIGTERM ends the watch and stops the child it started.
        let interrupt = Interrupt.onSignal { _ in session.stop() }
        defer { interrupt.cancel() }
        session.run { event in
            switch event {
            case .built(let output, let nanoseconds):
                Terminal.error(String(format: "[vais-hot] built %@ in %.1f ms", output, Double(nanoseconds) / 1e6))
            case .failed(let message):
                Terminal.error("[vais-hot] build failed; keeping the last good build:\n" + message)
            case .started(let command, let pid):
                Terminal.error("[vais-hot] started \(command) (pid \(pid))")
            }
        }
    }
}

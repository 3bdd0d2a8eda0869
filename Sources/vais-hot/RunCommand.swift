import ArgumentParser
import VaisHotApp

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

    func run() throws {
        let code = try perform { try RunProgram.run(hot.recipe(for: file, source: source), configuration: hot.configuration) }
        throw ExitCode(code)
    }
}

import ArgumentParser
import Foundation
import VaisHotApp

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Run a program hot, drive reloads by editing a copy of its source, and report where each reload's time and memory go.",
        discussion: """
        By default each reload changes a number literal in the next #[hot] function (and later changes it back). \
        Writes profile.json, reloads.csv, memory.csv, report.html and trace.json (open it in Perfetto) to the \
        output folder. The program's own stdout goes to program.out there.
        """
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @Option(help: "How many reloads to make.")
    var reloads = 20

    @Option(name: .customLong("edit-script"), help: "A file of edits, one `OLD => NEW` replacement a line, made in turn.")
    var editScript: String?

    @Option(help: "Calls the new version serves before the next edit.")
    var frames = 60

    @Option(help: "The output folder (default: reports/profile-NAME-TIME).")
    var out: String?

    @Flag(help: "Wait for your own saves instead of editing a copy, until Ctrl-C or --duration.")
    var interactive = false

    @Option(help: "Seconds an --interactive session lasts.")
    var duration: Double?

    @Flag(help: "Trace every hot function too: per-function, per-version call statistics go into the report.")
    var trace = false

    @OptionGroup var source: SourceOptions
    @OptionGroup var hot: HotOptions

    func validate() throws {
        guard reloads >= 1 else { throw ValidationError("--reloads must be at least 1") }
        guard frames >= 0 else { throw ValidationError("--frames cannot be negative") }
        if duration != nil, !interactive { throw ValidationError("--duration goes with --interactive") }
    }

    func run() throws {
        let recipe = hot.recipe(for: file, source: source)
        let script = try editScript.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let settings = ProfileSession.Settings(recipe: recipe, reloads: reloads, frames: frames, editScript: script, interactive: interactive,
                                               duration: duration, outputFolder: out ?? ProfileProgram.defaultFolder(for: recipe),
                                               reloader: hot.configuration)
        try perform { try ProfileProgram.run(settings, tracing: trace) }
    }
}

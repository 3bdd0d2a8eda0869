import ArgumentParser
import VaisHotApp

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild the HTML and CSV of a profile.json, a trace's trace-data.json or a bench run; compare two profiles.",
        discussion: """
        A bench run's HTML shows every metric against its documented target and vais-hot's goal; with \
        --history FOLDER (of earlier runs' JSON) it adds a trend chart per metric.
        """
    )

    @Argument(help: "A profile.json, trace-data.json or bench JSON written by vais-hot.")
    var file: String

    @Option(help: "Write the HTML here (default: beside the file).")
    var html: String?

    @Option(help: "Write a profile's reloads.csv and memory.csv into this folder.")
    var csv: String?

    @Option(help: "An older profile.json, trace-data.json or bench JSON of the same kind: print each phase's, function's or metric's change with its verdict, and add it to the HTML.")
    var compare: String?

    @Option(help: "A folder of earlier bench runs, for trend charts.")
    var history: String?

    func run() throws {
        try perform { try ReportProgram(file: file, html: html, csv: csv, compare: compare, history: history).run() }
    }
}

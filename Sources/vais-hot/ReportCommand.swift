import ArgumentParser
import Foundation
import Profiling
import Reporting

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild a profile's HTML and CSV from its profile.json, or compare two profiles phase by phase."
    )

    @Argument(help: "A profile.json written by `vais-hot profile`.")
    var profile: String

    @Option(help: "Write the HTML report here (default: report.html beside the profile, when nothing else is asked).")
    var html: String?

    @Option(help: "Write reloads.csv and memory.csv into this folder.")
    var csv: String?

    @Option(help: "An older profile.json: print the change of every phase's median, and add it to the HTML.")
    var compare: String?

    func run() throws {
        let document: ProfileDocument
        let baseline: ProfileDocument?
        do {
            document = try ReportWriter.read(URL(fileURLWithPath: profile))
            baseline = try compare.map { try ReportWriter.read(URL(fileURLWithPath: $0)) }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if let baseline {
            print(ProfileComparison.table(ProfileComparison.compare(baseline, document)), terminator: "")
        }
        let defaultHTML = URL(fileURLWithPath: profile).deletingLastPathComponent().appendingPathComponent(ReportWriter.htmlFile).path
        if let target = html ?? (csv == nil ? defaultHTML : nil) {
            try ReportWriter.writeHTML(document, to: URL(fileURLWithPath: target), baseline: baseline)
            Terminal.error("report: \(URL(fileURLWithPath: target).standardizedFileURL.path)")
        }
        if let csv {
            try ReportWriter.writeCSV(document, to: URL(fileURLWithPath: csv))
            Terminal.error("csv: \(URL(fileURLWithPath: csv).standardizedFileURL.path)")
        }
    }
}

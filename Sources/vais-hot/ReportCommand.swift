import ArgumentParser
import Foundation
import HotReload
import Profiling
import Reporting

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
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            Terminal.error("error: \(FileFailure("read", path: file, error: error))")
            throw ExitCode(1)
        }
        do {
            switch DocumentKind.of(data) {
            case .bench: try reportBench(url)
            case .trace: try reportTrace(url)
            case .profile, nil: try reportProfile(url)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("error: \(FileFailure.oneLine(error))")
            throw ExitCode(1)
        }
    }

    private func htmlPath(default name: String) -> URL {
        URL(fileURLWithPath: html ?? URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(name).path)
    }

    private func reportProfile(_ url: URL) throws {
        let document = try ReportWriter.read(url)
        let baseline = try compare.map { try ReportWriter.read(URL(fileURLWithPath: $0)) }
        if let baseline {
            print(ProfileComparison.table(ProfileComparison.compare(baseline, document), caveat: ProfileComparison.caveat(baseline, document)),
                  terminator: "")
        }
        if html != nil || csv == nil {
            let target = htmlPath(default: ReportWriter.htmlFile)
            try ReportWriter.writeHTML(document, to: target, baseline: baseline)
            Terminal.error("report: \(target.standardizedFileURL.path)")
        }
        if let csv {
            try ReportWriter.writeCSV(document, to: URL(fileURLWithPath: csv))
            Terminal.error("csv: \(URL(fileURLWithPath: csv).standardizedFileURL.path)")
        }
    }

    private func reportTrace(_ url: URL) throws {
        let document = try TraceReportWriter.read(url)
        let baseline = try compare.map { try TraceReportWriter.read(URL(fileURLWithPath: $0)) }
        if let baseline {
            print(TraceComparison.table(TraceComparison.compare(baseline, document), caveat: TraceComparison.caveat(baseline, document)),
                  terminator: "")
        }
        let target = htmlPath(default: TraceReportWriter.htmlFile)
        try TraceHTML.render(document, baseline: baseline).write(to: target, atomically: true, encoding: .utf8)
        Terminal.error("trace report: \(target.standardizedFileURL.path)")
    }

    private func reportBench(_ url: URL) throws {
        let current = try BenchFile.read(url)
        var runs = [current]
        if let history {
            let past = try BenchHistory.load(folder: URL(fileURLWithPath: history))
            for skipped in past.skipped { Terminal.error("\(skipped)") }
            runs = past.ending(with: current)
        }
        // A baseline named here wins over the one the run was gated against, if any.
        let comparison = try compare.map { BenchComparison(run: current, baseline: try BenchFile.read(URL(fileURLWithPath: $0))) }
            ?? BenchComparison(storedIn: current)
        if let comparison, compare != nil { print(BenchFormats.table(comparison), terminator: "") }
        let target = htmlPath(default: (file as NSString).lastPathComponent.replacingOccurrences(of: ".json", with: ".html"))
        try BenchHTML.render(runs, comparison: comparison).write(to: target, atomically: true, encoding: .utf8)
        Terminal.error("bench report: \(target.standardizedFileURL.path)")
    }
}

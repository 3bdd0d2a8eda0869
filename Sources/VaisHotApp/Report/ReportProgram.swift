import Foundation
import HotReload
import Reporting

/// `vais-hot report`: the HTML and CSV of a stored profile, trace or bench
/// run again, and its comparison with an older one of the same kind.
public struct ReportProgram {
    public var file: String
    /// Where the HTML goes (default: beside the file).
    public var html: String?
    /// A folder for a profile's reloads.csv and memory.csv.
    public var csv: String?
    /// An older document of the same kind to compare with.
    public var compare: String?
    /// A folder of earlier bench runs, for trend charts.
    public var history: String?

    public init(file: String, html: String?, csv: String?, compare: String?, history: String?) {
        self.file = file
        self.html = html
        self.csv = csv
        self.compare = compare
        self.history = history
    }

    /// Writes the report of whatever kind of document `file` holds; the
    /// comparison table goes to stdout, the paths written to stderr.
    public func run() throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CommandExit("error: \(FileFailure("read", path: file, error: error))")
        }
        do {
            switch DocumentKind.of(data) {
            case .bench: try reportBench(url)
            case .trace: try reportTrace(url)
            case .profile, nil: try reportProfile(url)
            }
        } catch let exit as CommandExit {
            throw exit
        } catch {
            throw CommandExit("error: \(FileFailure.oneLine(error))")
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

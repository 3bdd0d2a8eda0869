import Documents
import Foundation
import HotReload
import HotRuntime
import Reporting

/// `vais-hot profile`: runs a profile session with a live progress line,
/// the program's stdout in the output folder, and writes the report.
public enum ProfileProgram {
    /// The folder a profile goes to when none is named: reports/profile-NAME-TIME.
    public static func defaultFolder(for recipe: BuildRecipe) -> String {
        "reports/profile-\(recipe.programName)-\(ReportFolder.timestamp())"
    }

    /// Never returns: the program may still be running on its thread when
    /// the profile is over, so vais-hot exits.
    public static func run(_ settings: ProfileSession.Settings, tracing: Bool) throws -> Never {
        let folder = settings.outputFolder
        let tracer = TracerHolder()
        var settings = settings
        settings.prepare = { reloader in
            HotRuntime.reloader = reloader
            if tracing { tracer.attach(to: reloader) }
        }
        let progress = StatusLine()
        let session = ProfileSession(settings: settings) { progress.show($0.statusText) }
        try ProgramOutput.redirect(to: (folder as NSString).appendingPathComponent("program.out"))
        let interrupt = Interrupt.onSignal { _ in session.stop() }
        var document: ProfileDocument
        do {
            document = try session.run()
            document.calls = tracer.statistics()
            document.callResolutionNanoseconds = tracer.resolutionNanoseconds
        } catch {
            throw CommandExit("\nerror: \(FileFailure.oneLine(error))")
        }
        session.finish()
        interrupt.cancel()
        progress.finish()
        try ReportWriter.write(document, to: URL(fileURLWithPath: folder))
        session.reloader?.removeBuildDirectory()
        let report = URL(fileURLWithPath: folder).appendingPathComponent(ReportWriter.htmlFile).standardizedFileURL.path
        // stdout still belongs to the program (it may be running), so the path goes to stderr.
        Terminal.error("profiled \(document.reloads.count) reloads of \(settings.recipe.shownSourcePath)\n"
                       + (reloadVerdict(document).map { $0 + "\n" } ?? "") + "report: \(report)")
        fflush(nil)
        Foundation.exit(0)
    }

    /// The median reload against its goal relative to this machine, in one line.
    static func reloadVerdict(_ document: ProfileDocument) -> String? {
        guard let result = Targets.evaluate(document, against: (try? Targets.load()) ?? []).first(where: { $0.target.measure == .reload }),
              let median = result.median, let goal = result.goal, let clang = document.clangStartUpNanoseconds,
              let factor = result.target.goalTimesClangStartUp else { return nil }
        let ratio = Double(median) / Double(clang)
        return "median reload (change seen to swap) \(Units.duration(median)), \(String(format: "%.2f", ratio))× clang start-up "
            + "(\(Units.duration(clang))): goal ≤ \(factor)× (\(Units.duration(goal))) \(median <= goal ? "met" : "missed")"
    }
}

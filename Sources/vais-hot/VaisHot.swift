import ArgumentParser
import VaisHotApp

@main
struct VaisHot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vais-hot",
        abstract: "Compile Vais programs and hot-reload their #[hot] functions, measuring every stage.",
        subcommands: [CheckCommand.self, BuildCommand.self, RunCommand.self, WatchCommand.self, ProfileCommand.self, ReportCommand.self, TraceCommand.self, BenchCommand.self, BenchCountCommand.self]
    )

    static func main() {
        CommandProcess.keepFreedMemory()
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exit(withError: CommandProcess.readable(error))
        }
    }
}

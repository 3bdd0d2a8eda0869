import ArgumentParser

@main
struct VaisHot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vais-hot",
        abstract: "Compile Vais programs and hot-reload their #[hot] functions, measuring every stage.",
        subcommands: [CheckCommand.self, BuildCommand.self, RunCommand.self, WatchCommand.self, ProfileCommand.self, ReportCommand.self, TraceCommand.self, BenchCommand.self]
    )
}

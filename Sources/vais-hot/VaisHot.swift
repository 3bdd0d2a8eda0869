import ArgumentParser
import CHotSupport
import HotReload

@main
struct VaisHot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vais-hot",
        abstract: "Compile Vais programs and hot-reload their #[hot] functions, measuring every stage.",
        subcommands: [CheckCommand.self, BuildCommand.self, RunCommand.self, WatchCommand.self, ProfileCommand.self, ReportCommand.self, TraceCommand.self, BenchCommand.self, BenchCountCommand.self]
    )

    /// vais-hot compiles again on every save (`run`, `watch`, `profile`,
    /// `bench`). By default glibc gives big blocks fresh mappings and
    /// returns freed memory to the kernel, so every compile after the first
    /// faults its pages in again: about 15% of the front end on a
    /// 5,000-line program. The first compile of a process still pays it.
    /// A Foundation file error that escapes a command is said in one line
    /// (path and reason), not dumped as an NSError.
    static func main() {
        hot_keep_freed_memory()
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exit(withError: FileFailure.readable(error) ?? error)
        }
    }
}

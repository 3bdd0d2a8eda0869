import Documents
import Foundation
import HotReload
import Reporting

extension BenchGate {
    /// The suite measured again by a child `vais-hot bench`: one process
    /// loads each benchmark program once, since the host part of a second
    /// copy would bind to the first copy's symbols (host parts are loaded
    /// into the global scope, and the first of a name wins).
    func measureInFreshProcess() throws -> BenchDocument {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vais-hot-bench-confirm-\(getpid()).json").path
        defer { unlink(scratch) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var arguments = ["bench", "--suite", suite.rawValue, "--game", game.sourcePath, "--no-confirm", "--out", scratch]
        if let standardLibrary = game.compileOptions.standardLibrary { arguments += ["--std", standardLibrary] }
        do {
            let outcome = try ProcessRunner.run(executable, arguments, standardError: .discard)
            guard outcome.succeeded else {
                throw CommandExit("error: the confirming bench failed:\n\(outcome.output.suffix(2_000))", code: BenchExitCode.benchFailed)
            }
            return try BenchFile.read(URL(fileURLWithPath: scratch))
        } catch let exit as CommandExit {
            throw exit
        } catch {
            throw CommandExit("error: the confirming bench failed: \(error)", code: BenchExitCode.benchFailed)
        }
    }
}

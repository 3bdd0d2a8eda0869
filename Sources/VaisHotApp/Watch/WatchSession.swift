import Foundation
import HotReload
import SystemProbes
import VaisCompiler

/// `vais-hot watch`: rebuilds an executable on every change of its source
/// and, with a command, restarts that command after each good build, as
/// the original `vaisc watch --exec` did.
public final class WatchSession: @unchecked Sendable {
    public struct Settings: Sendable {
        public var recipe: BuildRecipe
        public var output: String
        public var command: [String]
        public var debounceMilliseconds: Int

        public init(recipe: BuildRecipe, output: String, command: [String], debounceMilliseconds: Int) {
            self.recipe = recipe
            self.output = output
            self.command = command
            self.debounceMilliseconds = debounceMilliseconds
        }
    }

    public enum Event: Sendable {
        case built(output: String, nanoseconds: UInt64)
        case failed(String)
        case started(command: String, pid: pid_t)
    }

    private let settings: Settings
    private let toolchain: Toolchain
    private let watcher: FileWatcher
    /// Where each build's IR is written.
    private let scratch: PrivateDirectory
    private var child: ChildProcess?

    public init(settings: Settings) throws {
        self.settings = settings
        toolchain = try Toolchain.locate()
        watcher = try FileWatcher(debounceMilliseconds: settings.debounceMilliseconds)
        scratch = try PrivateDirectory(parent: NSTemporaryDirectory(), name: "vais-hot-watch")
    }

    /// Builds now, then after every change, until `stop`.
    public func run(report: (Event) -> Void) {
        buildAndRestart(report: report)
        while watcher.nextChange(clock: MonotonicClock.now) != nil {
            buildAndRestart(report: report)
        }
        child?.stop()
        scratch.remove()
    }

    public func stop() { watcher.stop() }

    private func buildAndRestart(report: (Event) -> Void) {
        let start = MonotonicClock.now()
        let result = Compiler.compile(path: settings.recipe.sourcePath, options: settings.recipe.compileOptions)
        watcher.watch(result.sources.files.map(\.path) + [settings.recipe.sourcePath])
        guard let ir = result.ir else {
            report(.failed(result.renderedDiagnostics(color: isatty(2) == 1)))
            return
        }
        do {
            try toolchain.compile(irText: ir, scratch: scratch, to: settings.output, kind: .executable,
                                  optimization: settings.recipe.optimization, debugInfo: settings.recipe.compileOptions.debugInfo)
        } catch {
            report(.failed(FileFailure.oneLine(error)))
            return
        }
        report(.built(output: settings.output, nanoseconds: MonotonicClock.now() - start))
        guard let executable = settings.command.first else { return }
        child?.stop()
        do {
            let started = try ChildProcess(executable: executable, arguments: Array(settings.command.dropFirst()))
            child = started
            report(.started(command: settings.command.joined(separator: " "), pid: started.pid))
        } catch {
            report(.failed(FileFailure.oneLine(error)))
        }
    }
}

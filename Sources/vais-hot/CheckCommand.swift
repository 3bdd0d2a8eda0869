import ArgumentParser
import VaisCompiler

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every diagnostic in a program without building it."
    )

    @Argument(help: "The .vais files to check.")
    var files: [String]

    @OptionGroup var source: SourceOptions

    func run() throws {
        var failed = false
        for file in files {
            let result = Compiler.compile(path: file, options: source.compileOptions(for: file))
            if !result.diagnostics.isEmpty {
                Terminal.error(result.renderedDiagnostics(color: Terminal.stderrIsTerminal))
            }
            let errors = result.diagnostics.filter(\.isError).count
            if errors > 0 {
                failed = true
                Terminal.error("\(file): \(errors) error\(errors == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

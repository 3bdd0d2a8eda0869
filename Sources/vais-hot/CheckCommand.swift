import ArgumentParser
import Foundation
import Profiling
import VaisCompiler

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every diagnostic in a program without building it."
    )

    @Argument(help: "The .vais files to check.")
    var files: [String]

    @OptionGroup var source: SourceOptions

    @Flag(name: .customLong("timings"), help: "Print how long reading and parsing, checking and IR emission took.")
    var timings = false

    func run() throws {
        var failed = false
        for file in files {
            let options = source.compileOptions(for: file)
            let (parsed, parseTime) = MonotonicClock.measure { Compiler.parse(path: file, options: options) }
            let (checked, checkTime) = MonotonicClock.measure { Compiler.check(parsed, options: options) }
            let (result, emitTime) = MonotonicClock.measure { Compiler.emit(checked, options: options) }
            if timings {
                let lines = parsed.sources.files.reduce(0) { $0 + $1.lineStarts.count }
                Terminal.error(String(format: "%@: %d lines: parse %.2f ms, check %.2f ms, IR %.2f ms", file, lines,
                                      Double(parseTime) / 1e6, Double(checkTime) / 1e6, Double(emitTime) / 1e6))
            }
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

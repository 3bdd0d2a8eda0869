import ArgumentParser
import Foundation
import VaisCompiler

/// Options every command that reads Vais source shares.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("std"), help: "The folder `U std/...` imports come from (default: VAIS_STD, or the nearest std/ above the source).")
    var standardLibrary: String?

    func compileOptions(for source: String, debugInfo: Bool = false) -> CompileOptions {
        CompileOptions(debugInfo: debugInfo, requireMain: true,
                       standardLibrary: standardLibrary ?? StandardLibrary.locate(forSource: source))
    }
}

enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}

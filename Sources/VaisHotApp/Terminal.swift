import Foundation

/// vais-hot's own messages, on stderr: stdout belongs to the program.
public enum Terminal {
    public static var stderrIsTerminal: Bool { isatty(2) == 1 }

    public static func error(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}

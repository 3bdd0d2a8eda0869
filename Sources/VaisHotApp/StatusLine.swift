import Foundation

/// A live status line on stderr (`profile`'s reloads, `bench`'s steps):
/// rewritten in place on a terminal, one line per update otherwise.
public final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(2) == 1
    private var shown = false

    public init() {}

    public func show(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[2K" + text : text + "\n").utf8))
        shown = true
    }

    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal, shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

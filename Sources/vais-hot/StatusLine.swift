import Foundation
import HotReload

/// A live status line on stderr (`profile`'s reloads, `bench`'s steps):
/// rewritten in place on a terminal, one line per update otherwise.
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(2) == 1
    private var shown = false

    func show(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[2K" + text : text + "\n").utf8))
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal, shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension ProfileSession.Progress {
    /// `reload 3 of 20: v4 in 38.1 ms (parse 0.3 ms, ...)`.
    var statusText: String {
        var text = "[profile] reload \(completed)"
        if let planned { text += " of \(planned)" }
        if let last {
            text += ": v\(last.version) in \(Self.milliseconds(last.total)) (parse \(Self.milliseconds(last.build.parse)), "
                + "check \(Self.milliseconds(last.build.check)), IR \(Self.milliseconds(last.build.emit)), "
                + "codegen \(Self.milliseconds(last.build.codegen)), link \(Self.milliseconds(last.build.link)), "
                + "dlopen \(Self.milliseconds(last.load.dlopen)), "
                + String(format: "swap %.1f µs)", Double(last.swapNanoseconds) / 1e3)
        }
        if failures > 0 { text += ", \(failures) failed" }
        return text
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1e6)
    }
}

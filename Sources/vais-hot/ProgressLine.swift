import Foundation
import HotReload

/// The live progress line of `vais-hot profile` on stderr: rewritten in
/// place on a terminal, one line per reload otherwise.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(2) == 1
    private var shown = false

    func show(_ progress: ProfileSession.Progress) {
        var text = "reload \(progress.completed)"
        if let planned = progress.planned { text += " of \(planned)" }
        if let last = progress.last {
            text += ": v\(last.version) in \(milliseconds(last.total)) (parse \(milliseconds(last.build.parse)), check \(milliseconds(last.build.check)), "
                + "IR \(milliseconds(last.build.emit)), clang \(milliseconds(last.build.clang)), dlopen \(milliseconds(last.load.dlopen)), "
                + String(format: "swap %.1f µs)", Double(last.swapNanoseconds) / 1e3)
        }
        if progress.failures > 0 { text += ", \(progress.failures) failed" }
        lock.lock()
        defer { lock.unlock() }
        let line = isTerminal ? "\r\u{1B}[2K[profile] " + text : "[profile] " + text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal, shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1e6)
    }
}

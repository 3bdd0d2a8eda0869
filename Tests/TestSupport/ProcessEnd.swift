import Foundation

/// Whether a child process is gone, for tests that kill one.
public enum ProcessEnd {
    /// Whether `pid` is gone or a zombie, waiting up to a few seconds for a kill to land.
    public static func hasEnded(_ pid: pid_t) -> Bool {
        for _ in 0..<300 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(10_000)
        }
        return false
    }
}

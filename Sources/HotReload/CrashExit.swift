import Foundation

/// Ends the process after a crash the program cannot recover from.
public enum CrashExit {
    public static func terminate(_ report: CrashReport) -> Never {
        fflush(nil)
        let message = "vais-hot: the program crashed: \(report). No earlier version to roll back to, so it stops here.\n"
        FileHandle.standardError.write(Data(message.utf8))
        exit(128 + report.signal)
    }
}

import Foundation

/// Sends this process's stdout to /dev/null while a hosted program runs,
/// so its prints do not mix with the bench's table.
enum SilencedOutput {
    static func during<T>(_ body: () throws -> T) rethrows -> T {
        fflush(nil)
        let saved = dup(1)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        if null >= 0 {
            dup2(null, 1)
            close(null)
        }
        defer {
            fflush(nil)
            if saved >= 0 {
                dup2(saved, 1)
                close(saved)
            }
        }
        return try body()
    }
}

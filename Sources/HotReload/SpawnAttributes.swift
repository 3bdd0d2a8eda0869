import Foundation

/// posix_spawn attributes that give a child a clean signal state: nothing
/// blocked and default handlers, whatever the parent inherited (a test
/// runner, for one, may block SIGTERM).
enum SpawnAttributes {
    /// With `ownProcessGroup` the child leads a new process group, so that
    /// `kill(-pid, ...)` reaches it and everything it starts.
    static func withCleanSignals<T>(ownProcessGroup: Bool = false, _ body: (UnsafePointer<posix_spawnattr_t>) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        return try withUnsafePointer(to: &attributes) { try body($0) }
    }
}

import Foundation

extension Reloader {
    /// `hot_cleanup`: stops watching and unloads every version but the
    /// current one, which the program may still call.
    public func cleanup() {
        watcher.stop()
        watchdog.stop()
        lock.lock()
        if let pending { retired.append(pending.version) }
        pending = nil
        retired.append(contentsOf: versions.dropLast())
        versions = Array(versions.suffix(1))
        lock.unlock()
        reclaimRetired()
    }

    /// Unloads everything and removes the private directory. The program
    /// must not call a hot function afterwards.
    public func shutdown() {
        watcher.stop()
        watchdog.stop()
        buildLock.lock()
        lock.lock()
        let all = retired + versions + (pending.map { [$0.version] } ?? [])
        retired = []
        versions = []
        pending = nil
        lock.unlock()
        for version in all {
            onVersionUnloading?(version)
            loader.unload(version)
        }
        buildLock.unlock()
        host.close()
        directory.remove()
    }

    /// Removes the private build directory (files of loaded versions can go
    /// while they stay mapped), for a process that is about to exit.
    public func removeBuildDirectory() {
        watcher.stop()
        watchdog.stop()
        directory.remove()
    }
}

import CHotSupport
import Foundation
import HotReload

/// What the vais-hot process does around every command.
public enum CommandProcess {
    /// vais-hot compiles again on every save (`run`, `watch`, `profile`,
    /// `bench`). By default glibc gives big blocks fresh mappings and
    /// returns freed memory to the kernel, so every compile after the first
    /// faults its pages in again: about 15% of the front end on a
    /// 5,000-line program. The first compile of a process still pays it.
    public static func keepFreedMemory() {
        hot_keep_freed_memory()
    }

    /// A Foundation file error that escapes a command, said in one line
    /// (path and reason), not dumped as an NSError; any other error as it is.
    public static func readable(_ error: any Error) -> any Error {
        FileFailure.readable(error) ?? error
    }
}

import CHotSupport
import Foundation

/// Starts a thread named so that `top -H`, gdb and /proc/PID/task show
/// which is which. The name is set from inside the thread, since
/// Foundation does not pass a name given before `start()` on to Linux,
/// which keeps 15 bytes of it.
func startThread(named name: String, _ body: @escaping @Sendable () -> Void) -> Thread {
    precondition(name.utf8.count <= 15, "Linux truncates thread names to 15 bytes")
    let thread = Thread {
        hot_name_current_thread(name)
        body()
    }
    thread.start()
    return thread
}

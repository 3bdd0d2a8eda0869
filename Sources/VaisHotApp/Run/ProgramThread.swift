import Foundation

/// Runs the hosted program on a thread of its own with a large stack, as
/// a native program's main thread would have, and waits for it.
public enum ProgramThread {
    public static let stackSize = 64 << 20

    public static func run(_ body: @escaping @Sendable () -> Int32) -> Int32 {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        let thread = Thread {
            result.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.name = "vais program"
        thread.start()
        done.wait()
        return result.value
    }

    private final class ResultBox: @unchecked Sendable {
        var value: Int32 = 0
    }
}

import Foundation

/// Runs blocking work (a child process that takes minutes, a long wait) on
/// a thread of its own and awaits it, so the test does not hold one of the
/// few threads (one per core) that Swift Testing runs every test on: while
/// two such tests block them on two cores, every other test waits, and its
/// time limit runs out.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

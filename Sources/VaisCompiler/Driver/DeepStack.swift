import Foundation

/// Threads with a stack big enough for the compiler's recursive walks of
/// the syntax tree, whatever stack the caller has: a test runner's, the
/// hot-reload watcher's, or a dispatch worker's. The parser bounds how deep
/// a tree can be (P017); in a debug build one level of an expression costs
/// the checker about 11 KB of stack, so the deepest allowed tree needs more
/// than the 512 KB or 8 MB a thread usually gets. clang's cc1 and rustc
/// run on a thread of their own for the same reason.
enum DeepStack {
    /// Reserved, not committed: only the pages a walk touches cost memory.
    static let stackBytes = 64 << 20
    private static let marker = "vais.deep-stack"

    /// Runs `body` on a deep-stack thread and waits for it; at once when
    /// the caller already is one, or when no thread can be made.
    static func run<T>(_ body: () -> T) -> T {
        if isDeepStackThread { return body() }
        return withoutActuallyEscaping(body) { body in
            let borrowed = Borrowed<Void, T> { _ in body() }
            let result = ResultBox<T>()
            let finished = DispatchSemaphore(value: 0)
            let started = start {
                result.value = borrowed.call(())
                finished.signal()
            }
            if started {
                finished.wait()
            } else {
                result.value = borrowed.call(())
            }
            borrowed.release()
            return result.take()
        }
    }

    /// Calls `body` with every index in `0..<iterations` on `threads`
    /// deep-stack threads, each taking the next index as it comes free. A
    /// caller that is a deep-stack thread itself is one of them, so one
    /// thread fewer is started.
    static func perform(iterations: Int, threads: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let borrowed = Borrowed(body)
            let queue = IndexQueue(count: iterations)
            let finished = DispatchSemaphore(value: 0)
            let callerWorks = isDeepStackThread
            var started = 0
            for _ in 0..<(max(1, min(threads, iterations)) - (callerWorks ? 1 : 0)) {
                let worker = start {
                    while let index = queue.next() { borrowed.call(index) }
                    finished.signal()
                }
                if worker { started += 1 }
            }
            // Without a single worker the caller does the work itself.
            if callerWorks || started == 0 {
                while let index = queue.next() { borrowed.call(index) }
            }
            for _ in 0..<started { finished.wait() }
            borrowed.release()
        }
    }

    private static var isDeepStackThread: Bool { Thread.current.threadDictionary[marker] != nil }

    /// Starts a detached thread with the deep stack; false when the system
    /// refuses one (out of memory or threads).
    private static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackBytes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Entry(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            let entry = Unmanaged<Entry>.fromOpaque(context).takeRetainedValue()
            Thread.current.threadDictionary[DeepStack.marker] = true
            entry.body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Entry>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// A thread's work, handed through pthread_create's context pointer.
    private final class Entry: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// A caller's closure lent to other threads. The caller waits for them
    /// to finish and takes it back before it returns: the threads may
    /// outlive the call, the closure must not.
    private final class Borrowed<Input, Output>: @unchecked Sendable {
        private var body: ((Input) -> Output)?

        init(_ body: @escaping (Input) -> Output) { self.body = body }

        func call(_ input: Input) -> Output {
            guard let body else { preconditionFailure("a deep-stack thread ran after its caller returned") }
            return body(input)
        }

        func release() { body = nil }
    }

    /// A result handed back to the waiting caller.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?

        func take() -> T {
            guard let value else { preconditionFailure("a deep-stack thread finished without a result") }
            return value
        }
    }

    private final class IndexQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextIndex < count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }
    }
}

import CUnwind
import Foundation

extension Reloader {
    /// Records which thread runs the program, to check its stack before
    /// unloading a version.
    public func adoptProgramThread() {
        hot_capture_allow_sampling()
        programThreadLock.lock()
        programThread = pthread_self()
        programThreadLock.unlock()
    }

    /// Forgets the program's thread, before it returns from the program.
    func releaseProgramThread() {
        programThreadLock.lock()
        programThread = nil
        programThreadLock.unlock()
    }

    /// The return addresses on the program's stack now: empty when no
    /// thread runs the program, nil when it did not answer in time.
    func programStack() -> [UInt]? {
        programThreadLock.lock()
        defer { programThreadLock.unlock() }
        guard let thread = programThread else { return [] }
        var pcs = [UInt](repeating: 0, count: 256)
        let count = pcs.withUnsafeMutableBufferPointer { hot_capture_thread_stack(thread, $0.baseAddress, Int32($0.count), 100) }
        return count < 0 ? nil : Array(pcs.prefix(Int(count)))
    }
}

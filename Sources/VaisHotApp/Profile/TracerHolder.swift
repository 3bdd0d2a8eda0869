import Documents
import Foundation
import HotReload
import Tracing

/// A tracer attached to a running program's reloader, for commands that
/// trace as a side job (`profile --trace`).
final class TracerHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var tracer: Tracer?

    /// Points every hot function's slot at its trampoline, now and in
    /// every version to come.
    func attach(to reloader: Reloader) {
        let tracer = Tracer(settings: Tracer.Settings())
        tracer.attach(to: reloader, tracing: Set(reloader.host.hotFunctions.map(\.name)))
        lock.lock()
        self.tracer = tracer
        lock.unlock()
    }

    /// The statistics so far, or nil when nothing was traced.
    func statistics() -> [CallStatistics]? {
        lock.lock()
        defer { lock.unlock() }
        return tracer?.statistics()
    }

    /// Below what time a traced call cannot be told from zero.
    var resolutionNanoseconds: Double? {
        lock.lock()
        defer { lock.unlock() }
        return tracer?.resolutionNanoseconds
    }
}

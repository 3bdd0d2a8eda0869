import Foundation

/// Runs a handler on SIGINT, SIGTERM and SIGHUP instead of dying at once;
/// the build directories go at the `exit` that follows (`ExitCleanup`).
public struct Interrupt {
    private let sources: [DispatchSourceSignal]

    /// `handler` gets the signal's number.
    public static func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) -> Interrupt {
        let sources = [SIGINT, SIGTERM, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
        return Interrupt(sources: sources)
    }

    public func cancel() {
        for source in sources { source.cancel() }
    }
}

import Foundation
import HotReload

/// Called by the C `main` of a `vais-hot build --hot` executable before the
/// program's own `main`: binds the slots to `libNAME.so` beside it.
@_cdecl("vais_hot_bootstrap")
public func vais_hot_bootstrap(_ argv: UnsafeMutableRawPointer?) {
    do {
        let reloader = try Reloader.attachToExecutable(observer: ReloadEvent.log)
        reloader.adoptProgramThread()
        HotRuntime.reloader = reloader
        HotRuntime.isStandalone = true
        // The build directory goes at exit (ExitCleanup) and, from here, on SIGINT, SIGTERM and SIGHUP.
        ExitCleanup.endOnSignals()
    } catch {
        FileHandle.standardError.write(Data("vais-hot runtime: \(error)\n".utf8))
        exit(1)
    }
}

import Foundation
import HotReload

/// The C functions of std/hot.vais. They act on the reloader of the
/// running program (set by `vais-hot run` or by the bootstrap of a
/// `build --hot` executable); without one they report an error.
public enum HotRuntime {
    nonisolated(unsafe) public static var reloader: Reloader?
    /// True in a `build --hot` executable, where `hot_init` starts the
    /// watching; under `vais-hot run` the source is watched from the start.
    nonisolated(unsafe) public static var isStandalone = false

    /// Error codes returned to the program.
    public enum Code {
        public static let notRunningHot: Int64 = -2
        public static let cannotWatch: Int64 = -3
    }
}

@_cdecl("hot_init")
public func hot_init(_ path: UnsafePointer<CChar>?) -> Int64 {
    guard let reloader = HotRuntime.reloader else { return HotRuntime.Code.notRunningHot }
    guard HotRuntime.isStandalone else { return 0 }
    guard let path else { return HotRuntime.Code.cannotWatch }
    do {
        try reloader.watchSource(String(cString: path))
        return 0
    } catch {
        FileHandle.standardError.write(Data("[vais-hot] hot_init: \(error)\n".utf8))
        return HotRuntime.Code.cannotWatch
    }
}

@_cdecl("hot_start")
public func hot_start(_ path: UnsafePointer<CChar>?) -> Int64 {
    hot_init(path)
}

@_cdecl("hot_check")
public func hot_check() -> Int64 {
    HotRuntime.reloader?.check() ?? HotRuntime.Code.notRunningHot
}

@_cdecl("hot_reload")
public func hot_reload() -> Int64 {
    HotRuntime.reloader?.reloadNow() ?? HotRuntime.Code.notRunningHot
}

@_cdecl("hot_version")
public func hot_version() -> Int64 {
    Int64(HotRuntime.reloader?.currentVersion ?? 1)
}

@_cdecl("hot_on_reload")
public func hot_on_reload(_ callback: (@convention(c) (Int64) -> Void)?) -> Int64 {
    guard let callback, let reloader = HotRuntime.reloader else { return HotRuntime.Code.notRunningHot }
    reloader.onReload(callback)
    return 0
}

@_cdecl("hot_cleanup")
public func hot_cleanup() -> Int64 {
    HotRuntime.reloader?.cleanup()
    return 0
}

@_cdecl("hot_loop")
public func hot_loop(_ update: (@convention(c) () -> Int64)?) -> Int64 {
    guard let update else { return HotRuntime.Code.notRunningHot }
    guard let reloader = HotRuntime.reloader else {
        while true {
            let result = update()
            if result != 0 { return result }
        }
    }
    return reloader.loop(update)
}


import HotReload

extension Tracer {
    /// Follows a reloader's versions (registering each before it serves a
    /// call, keeping each one's numbers before it is unloaded) and points
    /// the slots of `functions` at their trampolines; with
    /// `tracingAddedFunctions`, also those of functions that take a spare
    /// slot while the program runs, from the version that adds them.
    public func attach(to reloader: Reloader, tracing functions: Set<String>, tracingAddedFunctions: Bool = true) {
        if tracingAddedFunctions {
            reloader.onSpareSlotTaken = { [reloader] function in reloader.setTracing([function], enabled: true) }
        }
        reloader.onVersionLoaded = { [self] version in
            register(version: version.number, path: version.path, sites: version.traceSites, hooks: version.traceHooks,
                     range: version.addressRange)
        }
        reloader.onVersionUnloading = { [self] version in retire(version: version.number, path: version.path) }
        reloader.announceLoadedVersions()
        reloader.setTracing(functions, enabled: true)
    }
}

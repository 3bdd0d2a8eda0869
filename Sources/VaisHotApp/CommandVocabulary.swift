import HotReload
import VaisCompiler
import Reporting
import Tracing

// The few library types the command line names in its options, under the
// application layer's roof, so that the command line imports this layer alone.

/// How to build one program (see `HotReload.BuildRecipe`).
public typealias BuildRecipe = HotReload.BuildRecipe
/// How the reloader keeps versions: build folder, retention, debounce, watchdog.
public typealias ReloaderConfiguration = Reloader.Configuration
/// What the tracer records (statistics or events) and how much of it.
public typealias TracerSettings = Tracer.Settings
public typealias TracerMode = Tracer.Mode
/// The output formats of `vais-hot bench`.
public typealias BenchFormat = Reporting.BenchFormat
/// Spare slots a hot host reserves unless told otherwise (see `HotPartSpares`).
public let defaultSpareSlots = HotSplit.defaultSpareSlots

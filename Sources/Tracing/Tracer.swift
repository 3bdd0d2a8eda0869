import CTraceRuntime
import Documents
import Foundation
import SystemProbes

/// The Swift side of the tracing runtime: it configures the trampolines'
/// hooks, registers each version's statistics blocks, keeps their numbers
/// when a version is unloaded, and turns ticks into nanoseconds with the
/// trampoline's own measured cost taken out.
public final class Tracer: @unchecked Sendable {
    public enum Mode: String, Sendable {
        case stats
        case events
    }

    public struct Settings: Sendable {
        public var mode: Mode
        /// Measure one call in this many (1: every call).
        public var sampleEvery: Int
        /// Events each thread may buffer before further ones are dropped.
        public var eventCapacity: Int
        /// Caller frames captured on sampled calls (0: no stacks).
        public var stackDepth: Int

        public init(mode: Mode = .stats, sampleEvery: Int = 1, eventCapacity: Int = 1 << 20, stackDepth: Int = 0) {
            self.mode = mode
            self.sampleEvery = max(1, sampleEvery)
            self.eventCapacity = eventCapacity
            self.stackDepth = min(max(0, stackDepth), 32)
        }
    }

    /// A statistics block of one function in one version.
    private struct Site {
        let function: String
        let version: Int
        let pointer: UnsafeMutablePointer<vais_trace_site>
    }

    public let settings: Settings
    public let nanosecondsPerTick: Double
    /// What a trampoline adds inside the window it measures, per call.
    public let overheadNanoseconds: Double
    /// How far the calibration can be off: a time at or below it, once the
    /// overhead is taken out, cannot be told from zero.
    public let resolutionNanoseconds: Double
    /// What a trampoline costs a call in all (both hooks).
    public let callCostNanoseconds: Double
    private let originTicks: UInt64
    private let originNanoseconds: UInt64
    private let lock = NSLock()
    private var functionIDs: [String: UInt32] = [:]
    private var functionNames: [String] = []
    private var live: [Site] = []
    private var finished: [(function: String, version: Int, site: vais_trace_site)] = []
    /// Each sampled stack: how often it was seen and its leaf calls' own time.
    private var stackSamples: [[String]: (count: UInt64, selfNanoseconds: UInt64)] = [:]
    private let symbolizer = Symbolizer()

    public init(settings: Settings) {
        self.settings = settings
        // Calibrate in stats mode: the scratch calls must leave no events.
        vais_trace_configure(VAIS_TRACE_STATS, 1, 0, 0)
        nanosecondsPerTick = vais_trace_nanoseconds_per_tick()
        (overheadNanoseconds, callCostNanoseconds, resolutionNanoseconds) = Self.calibrate(nanosecondsPerTick: nanosecondsPerTick)
        vais_trace_configure(settings.mode == .events ? VAIS_TRACE_EVENTS : VAIS_TRACE_STATS, UInt32(settings.sampleEvery),
                             UInt32(settings.eventCapacity), UInt32(settings.stackDepth))
        originTicks = vais_trace_ticks()
        originNanoseconds = MonotonicClock.now()
    }

    /// Times empty enter/exit pairs on a scratch site, in five rounds. The
    /// overhead inside every traced call's time is the smallest round's
    /// median window: a busy spell or a frequency change can only make a
    /// round slower, which is how one calibration once read 10.5 ns and the
    /// next 21. The resolution is how far the rounds' medians spread, plus
    /// the histogram's bucket width there (a median is read at a bucket's
    /// middle).
    private static func calibrate(nanosecondsPerTick: Double) -> (inside: Double, total: Double, resolution: Double) {
        let site = UnsafeMutablePointer<vais_trace_site>.allocate(capacity: 1)
        defer { site.deallocate() }
        let rounds = 5, pairs = 10_000
        var medians: [Double] = []
        var totals: [Double] = []
        for _ in 0..<rounds {
            vais_trace_register_site(site, UInt32.max, 0)
            let start = MonotonicClock.now()
            for _ in 0..<pairs {
                vais_trace_exit(site, vais_trace_enter(site))
            }
            totals.append(Double(MonotonicClock.now() - start) / Double(pairs))
            medians.append(Histogram(site.pointee).percentile(50) * nanosecondsPerTick)
        }
        let inside = medians.min() ?? 0
        let bucket = Histogram.bucketWidth(at: inside / nanosecondsPerTick) * nanosecondsPerTick
        return (inside, totals.min() ?? 0, (medians.max() ?? 0) - inside + bucket)
    }

    /// Registers the statistics blocks of a version, and gives its
    /// trampolines the hooks, before it serves calls.
    public func register(version: Int, path: String, sites: [String: UnsafeMutableRawPointer], hooks: UnsafeMutableRawPointer?,
                         range: Range<UInt>) {
        symbolizer.add(path: path, range: range)
        if let hooks {
            let table = hooks.assumingMemoryBound(to: UnsafeRawPointer.self)
            table[0] = unsafeBitCast(vais_trace_enter as @convention(c) (UnsafeMutablePointer<vais_trace_site>?) -> UInt64, to: UnsafeRawPointer.self)
            table[1] = unsafeBitCast(vais_trace_exit as @convention(c) (UnsafeMutablePointer<vais_trace_site>?, UInt64) -> Void, to: UnsafeRawPointer.self)
        }
        lock.lock()
        defer { lock.unlock() }
        for (function, raw) in sites.sorted(by: { $0.key < $1.key }) {
            let id = functionIDs[function] ?? {
                functionNames.append(function)
                functionIDs[function] = UInt32(functionNames.count - 1)
                return UInt32(functionNames.count - 1)
            }()
            let pointer = raw.assumingMemoryBound(to: vais_trace_site.self)
            vais_trace_register_site(pointer, id, UInt32(version))
            live.append(Site(function: function, version: version, pointer: pointer))
        }
    }

    /// Keeps a version's numbers, and names its stack frames, before its
    /// memory goes away.
    public func retire(version: Int, path: String) {
        collectStacks()
        symbolizer.remove(path: path)
        lock.lock()
        defer { lock.unlock() }
        for site in live where site.version == version {
            finished.append((site.function, site.version, site.pointer.pointee))
        }
        live.removeAll { $0.version == version }
    }

    /// Per function and version: calls, times and percentiles in nanoseconds.
    public func statistics() -> [CallStatistics] {
        lock.lock()
        let blocks = finished + live.map { ($0.function, $0.version, $0.pointer.pointee) }
        lock.unlock()
        return blocks.map { function, version, site in statistics(function: function, version: version, site: site) }
            .sorted { ($0.function, $0.version) < ($1.function, $1.version) }
    }

    private func statistics(function: String, version: Int, site: vais_trace_site) -> CallStatistics {
        let histogram = Histogram(site)
        let measured = histogram.count
        let scale = measured > 0 ? Double(site.calls) / Double(measured) : 0
        func nanoseconds(_ ticks: Double) -> UInt64 { UInt64(max(0, ticks * nanosecondsPerTick - overheadNanoseconds)) }
        // A bucket's middle can lie outside what was seen: keep percentiles within min...max.
        func percentile(_ p: Double) -> UInt64 {
            guard measured > 0 else { return 0 }
            return nanoseconds(min(max(histogram.percentile(p), Double(site.min_ticks)), Double(site.max_ticks)))
        }
        let perCallOverhead = overheadNanoseconds * Double(site.calls)
        let total = max(0, Double(site.total_ticks) * nanosecondsPerTick * scale - perCallOverhead)
        let selfTime = max(0, Double(site.self_ticks) * nanosecondsPerTick * scale - perCallOverhead)
        return CallStatistics(function: function, version: version, calls: site.calls, totalNanoseconds: UInt64(total),
                              selfNanoseconds: UInt64(selfTime), minimum: measured > 0 ? nanoseconds(Double(site.min_ticks)) : 0,
                              p50: percentile(50), p90: percentile(90), p99: percentile(99),
                              maximum: measured > 0 ? nanoseconds(Double(site.max_ticks)) : 0, p25: percentile(25), p75: percentile(75))
    }

    /// Every call's entry and exit (events mode), in nanoseconds since the
    /// tracer started, durations with the overhead taken out.
    public func events() -> (calls: [TracedCall], dropped: UInt64) {
        // Sized to what the threads hold (and what they add meanwhile stays for a later call).
        let held = Int(vais_trace_event_count())
        guard held > 0 else { return ([], vais_trace_dropped()) }
        var buffer = [vais_trace_event](repeating: vais_trace_event(), count: held)
        let count = Int(buffer.withUnsafeMutableBufferPointer { vais_trace_drain_events($0.baseAddress, UInt64($0.count)) })
        lock.lock()
        let names = functionNames
        lock.unlock()
        let calls = buffer.prefix(count).compactMap { event -> TracedCall? in
            guard Int(event.function) < names.count else { return nil }
            let start = UInt64(max(0, Double(Int64(bitPattern: event.start_ticks &- originTicks)) * nanosecondsPerTick))
            let duration = UInt64(max(0, Double(event.duration_ticks) * nanosecondsPerTick - overheadNanoseconds))
            return TracedCall(function: names[Int(event.function)], version: Int(event.version), thread: Int(event.thread),
                              start: start, duration: duration, depth: Int(event.depth))
        }.sorted { $0.start < $1.start }
        return (calls, vais_trace_dropped())
    }

    /// Nanoseconds since the tracer started, for a monotonic time.
    public func relative(_ monotonic: UInt64) -> UInt64 { monotonic >= originNanoseconds ? monotonic - originNanoseconds : 0 }

    /// Symbolizes the stacks captured since the last call and counts them.
    /// Runs before a version is unloaded, so its frames still have names.
    public func collectStacks() {
        guard settings.stackDepth > 0 else { return }
        var buffer = [vais_trace_stack](repeating: vais_trace_stack(), count: 4096)
        var drained: [vais_trace_stack] = []
        while true {
            let count = Int(buffer.withUnsafeMutableBufferPointer { vais_trace_drain_stacks($0.baseAddress, UInt64($0.count)) })
            drained += buffer.prefix(count)
            if count < buffer.count { break }
        }
        lock.lock()
        let names = functionNames
        lock.unlock()
        var counted: [[String]: (count: UInt64, selfNanoseconds: UInt64)] = [:]
        // Stacks of a hot loop repeat the same few addresses: each is looked up once.
        var lookups: [UInt: Symbolizer.Location?] = [:]
        func locate(_ address: UInt) -> Symbolizer.Location? {
            if let known = lookups[address] { return known }
            let found = symbolizer.locate(address)
            lookups[address] = found
            return found
        }
        for stack in drained {
            let frames = withUnsafeBytes(of: stack.frames) { Array($0.bindMemory(to: UInt.self)) }.prefix { $0 != 0 }
            // Return addresses point after the call: step back one byte to name the call's line.
            let innermostFirst = frames.map { ($0, locate($0 - 1)) }
            // The frames up to the traced call's own trampoline are the tracer's.
            guard let trampoline = innermostFirst.firstIndex(where: { $0.1?.isTrampoline ?? false }) else { continue }
            let located = innermostFirst[(trampoline + 1)...].filter { !($0.1?.isTrampoline ?? false) }.prefix(settings.stackDepth).reversed()
            // The program's stack starts at its outermost Vais frame; what lies
            // below it is vais-hot's own machinery.
            let first = located.firstIndex { $0.1?.isVais ?? false } ?? located.startIndex
            let callers = located[first...].map { $0.1?.description ?? "0x" + String($0.0, radix: 16) }
            let leaf = Int(stack.function) < names.count ? "\(names[Int(stack.function)]) [v\(stack.version)]" : "?"
            let selfTime = UInt64(max(0, Double(stack.self_ticks) * nanosecondsPerTick - overheadNanoseconds))
            counted[Array(callers) + [leaf], default: (0, 0)].count += 1
            counted[Array(callers) + [leaf], default: (0, 0)].selfNanoseconds += selfTime
        }
        lock.lock()
        for (frames, sample) in counted {
            stackSamples[frames, default: (0, 0)].count += sample.count
            stackSamples[frames, default: (0, 0)].selfNanoseconds += sample.selfNanoseconds
        }
        lock.unlock()
    }

    public func stacks() -> [FoldedStack] {
        collectStacks()
        lock.lock()
        defer { lock.unlock() }
        return stackSamples.map { FoldedStack(frames: $0.key, count: $0.value.count, selfNanoseconds: $0.value.selfNanoseconds) }
            .sorted { ($0.selfNanoseconds ?? 0, $0.count) > ($1.selfNanoseconds ?? 0, $1.count) }
    }
}

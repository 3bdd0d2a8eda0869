import Foundation

extension ReloadEvent {
    /// The line `vais-hot run` (and a `build --hot` program) prints on
    /// stderr for this event, without the `[vais-hot]` prefix; nil for
    /// events that are not worth a line.
    public var logLine: String? {
        switch self {
        case .swapped(let record):
            let changed = record.changedFunctions.isEmpty ? "no hot function changed" : "changed: " + record.changedFunctions.joined(separator: ", ")
            let rebuilt = record.rebuiltFunctions.isEmpty ? "rebuilt nothing" : "rebuilt " + record.rebuiltFunctions.joined(separator: ", ")
            let load = record.load.copy + record.load.elfCheck + record.load.dlopen + record.load.dlsymTotal
            return "v\(record.version) live in \(Self.milliseconds(record.total)) (\(changed)), \(rebuilt) (\(record.rebuiltFunctions.count) of "
                + "\(record.hotFunctionCount)): parse \(Self.milliseconds(record.build.parse)), "
                + "check \(Self.milliseconds(record.build.check)), IR \(Self.milliseconds(record.build.emit)), "
                + "codegen \(Self.milliseconds(record.build.codegen)), link \(Self.milliseconds(record.build.link)), "
                + "load \(Self.milliseconds(load)), swap \(Self.microseconds(record.swapNanoseconds))"
        case .buildFailed(let diagnostics):
            return "edit not applied; the program keeps running its current version:\n" + diagnostics
        case .refused(let reasons):
            return "reload refused; the program keeps running its current version:\n" + reasons.map { "  - " + $0 }.joined(separator: "\n")
        case .warning(let message):
            return "note: " + message
        case .spareSlotTaken(let function, let slot, let free):
            return "note: `\(function)` is new and needs a slot of its own (a closure, or a function used as a value): "
                + "it holds spare slot \(slot) until the program ends (\(free) left)"
        case .rolledBack(let from, let to, let crash):
            return "v\(from) crashed: \(crash); rolled back to v\(to)"
        case .interrupted(let version, let newer, let seconds):
            return "v\(version) ran \(Self.seconds(seconds)) past v\(newer) being ready without returning: its hot_loop iteration was "
                + "interrupted and the loop goes on with v\(newer)"
        case .overran(let version, let newer, let seconds, .notInLoop):
            return "hot code of v\(version) has run \(Self.seconds(seconds)) past v\(newer) being ready without returning; only a program "
                + "that runs it through hot_loop can be interrupted, so the call goes on in v\(version)"
        case .overran(let version, let newer, let seconds, .inCCode):
            return "hot code of v\(version) has run \(Self.seconds(seconds)) past v\(newer) being ready without returning; it is inside C code "
                + "(a library call), where it cannot be interrupted safely; the watchdog keeps trying"
        case .built, .ready, .unchanged, .unloading, .unloaded:
            return nil
        }
    }

    /// Writes `logLine` to stderr.
    public static func log(_ event: ReloadEvent) {
        guard let line = event.logLine else { return }
        FileHandle.standardError.write(Data(("[vais-hot] " + line + "\n").utf8))
    }

    static func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1e6)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }

    static func microseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f µs", Double(nanoseconds) / 1e3)
    }
}

import Documents
import HotReload
import SystemProbes

extension ReloadRecord {
    /// The reload's phases in order, each with when it began and how long it took.
    var phases: [(phase: Phase, start: UInt64, duration: UInt64)] {
        var result: [(Phase, UInt64, UInt64)] = [(.detect, detectedAt, build.start > detectedAt ? build.start - detectedAt : 0)]
        var cursor = build.start
        for (phase, duration) in [(Phase.parse, build.parse), (.check, build.check), (.emit, build.emit), (.codegen, build.codegen),
                                    (.link, build.link)] {
            result.append((phase, cursor, duration))
            cursor += duration
        }
        cursor = load.start
        for (phase, duration) in [(Phase.copy, load.copy), (.elfCheck, load.elfCheck), (.dlopen, load.dlopen), (.dlsym, load.dlsymTotal)] {
            result.append((phase, cursor, duration))
            cursor += duration
        }
        let swapStart = swappedAt - swapNanoseconds
        result.append((.waitForCheck, readyAt, swapStart > readyAt ? swapStart - readyAt : 0))
        result.append((.swap, swapStart, swapNanoseconds))
        return result
    }

    /// Writes the reload's spans (nested in one `reload vN` span on the
    /// pipeline track) and the swap instant.
    func record(into recorder: Recorder) {
        let track = "reload pipeline"
        recorder.span("reload v\(version)", track: track, start: detectedAt, end: swappedAt, version: version,
                      arguments: ["changed": changedFunctions.joined(separator: ", ")])
        for (phase, start, duration) in phases where duration > 0 {
            recorder.span(phase.rawValue, track: track, start: start, end: start + duration, version: version)
        }
        var cursor = load.start + load.copy + load.elfCheck + load.dlopen
        for lookup in load.dlsym {
            recorder.span("dlsym \(lookup.name)", track: track, start: cursor, end: cursor + lookup.nanoseconds, version: version)
            cursor += lookup.nanoseconds
        }
        recorder.instant("swap v\(version)", track: track, at: swappedAt, version: version, arguments: swapArguments)
    }

    /// What the swap's event says: the hot functions the version rebuilt, of how many.
    var swapArguments: [String: String] {
        ["rebuilt": rebuiltFunctions.joined(separator: ", "), "hotFunctions": "\(hotFunctionCount)"]
    }
}

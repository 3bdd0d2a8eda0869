import Documents
import Foundation

/// `stacks.speedscope.json`: the sampled stacks in speedscope's file
/// format (a "sampled" profile: each sample a list of indices into the
/// shared frames, outermost first, with a weight), weighted like the
/// flame graph by the leaf calls' own time in nanoseconds (or by sample
/// count for a document without times). Frames are functions, as in the
/// flame graph; each carries the source file its samples came through.
enum SpeedscopeProfile {
    static func data(_ document: TraceDocument) throws -> Data {
        let byTime = document.stacks.weighsTime
        var frames: [[String: Any]] = []
        var index: [String: Int] = [:]
        var samples: [[Int]] = []
        var weights: [UInt64] = []
        for stack in document.stacks where stack.count > 0 && !stack.frames.isEmpty {
            samples.append(stack.frames.map { text in
                let frame = StackFrame(text)
                if let known = index[frame.function] { return known }
                var entry: [String: Any] = ["name": frame.function]
                if let file = frame.file { entry["file"] = file }
                frames.append(entry)
                index[frame.function] = frames.count - 1
                return frames.count - 1
            })
            weights.append(byTime ? stack.weight : stack.count)
        }
        let name = (document.program as NSString).lastPathComponent
        let profile: [String: Any] = [
            "type": "sampled", "name": "\(name): callers of hot functions, by \(byTime ? "self time" : "samples")",
            "unit": byTime ? "nanoseconds" : "none", "startValue": 0, "endValue": weights.reduce(0, +),
            "samples": samples, "weights": weights,
        ]
        let file: [String: Any] = [
            "$schema": "https://www.speedscope.app/file-format-schema.json", "exporter": "vais-hot \(document.toolchain.vaisHot)",
            "name": name, "activeProfileIndex": 0, "shared": ["frames": frames], "profiles": [profile],
        ]
        return try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

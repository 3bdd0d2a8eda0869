import Foundation

extension ProfileSession.Progress {
    /// `reload 3 of 20: v4 in 38.1 ms, rebuilt render (1 of 6) (parse 0.3 ms, ...)`.
    var statusText: String {
        var text = "[profile] reload \(completed)"
        if let planned { text += " of \(planned)" }
        if let last {
            let rebuilt = last.rebuiltFunctions.isEmpty ? "rebuilt nothing" : "rebuilt " + last.rebuiltFunctions.joined(separator: ", ")
            text += ": v\(last.version) in \(Self.milliseconds(last.total)), \(rebuilt) (\(last.rebuiltFunctions.count) of \(last.hotFunctionCount)) (parse \(Self.milliseconds(last.build.parse)), "
                + "check \(Self.milliseconds(last.build.check)), IR \(Self.milliseconds(last.build.emit)), "
                + "codegen \(Self.milliseconds(last.build.codegen)), link \(Self.milliseconds(last.build.link)), "
                + "dlopen \(Self.milliseconds(last.load.dlopen)), "
                + String(format: "swap %.1f µs)", Double(last.swapNanoseconds) / 1e3)
        }
        if failures > 0 { text += ", \(failures) failed" }
        return text
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> String {
        String(format: "%.1f ms", Double(nanoseconds) / 1e6)
    }
}

import Documents
import Foundation

/// The per-function, per-version table printed at the end of a trace.
public enum TraceSummary {
    public static func table(_ document: TraceDocument) -> String {
        var lines = [String(format: "trampoline overhead: %.1f ns per call inside the measured time (subtracted); %@ ns per call in all",
                            document.overheadNanoseconds, document.settings["callCostNanoseconds"]?.description ?? "?")]
        lines.append(pad("function", 24) + pad("v", 4) + pad("calls", 12) + pad("total", 12) + pad("self", 12) + pad("p50", 10)
                     + pad("p90", 10) + pad("p99", 10) + "max")
        for row in document.functions {
            lines.append(pad(row.function, 24) + pad(String(row.version), 4) + pad(String(row.calls), 12) + pad(Units.duration(row.totalNanoseconds), 12)
                         + pad(Units.duration(row.selfNanoseconds), 12) + pad(Units.duration(row.p50), 10) + pad(Units.duration(row.p90), 10)
                         + pad(Units.duration(row.p99), 10) + Units.duration(row.maximum))
        }
        if document.droppedCalls > 0 { lines.append("\(document.droppedCalls) calls were not recorded: the event buffer was full") }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

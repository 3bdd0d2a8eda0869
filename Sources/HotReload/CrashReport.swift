import Foundation

/// A crash inside the program, attributed to a version where possible.
public struct CrashReport: Sendable, CustomStringConvertible {
    public let signal: Int32
    public let pc: UInt
    public let faultAddress: UInt
    /// The version whose code was running, or nil for host code.
    public let version: Int?
    /// The function the faulting instruction belongs to, if known.
    public let function: String?
    /// `file.vais:line` of the faulting instruction, when the code carries
    /// line tables.
    public let sourceLine: String?

    public var signalName: String {
        switch signal {
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGILL: return "SIGILL"
        case SIGABRT: return "SIGABRT (abort)"
        default: return "signal \(signal)"
        }
    }

    public var description: String {
        var text = signalName
        if signal == SIGSEGV || signal == SIGBUS { text += " (address 0x\(String(faultAddress, radix: 16)))" }
        if let function { text += " in `\(function)`" }
        if let version {
            text += " (hot part version \(version))"
        } else {
            // abort() raises its signal from libc, not from the code that called it.
            text += signal == SIGABRT ? " (raised in C code)" : " (host code)"
        }
        if let sourceLine { text += " at \(sourceLine)" }
        return text
    }
}

import Foundation

extension Toolchain {
    public enum Failure: Error, CustomStringConvertible {
        case clangNotFound(searched: [String])
        /// `VAIS_CLANG` names something that is not an executable.
        case configuredClangUnusable(path: String, errno: Int32)
        case invalidTimeout(String)
        /// The tool could not be started at all.
        case cannotRun(path: String, errno: Int32)
        case timedOut(path: String, seconds: Double)
        case killed(path: String, signal: Int32, output: String)
        /// The tool said it succeeded but left no output file.
        case noOutput(path: String, expected: String, output: String)
        /// The tool failed without a diagnostic of clang's or lld's form.
        case failedWithoutDiagnostic(path: String, status: Int32, output: String)
        /// clang rejected IR that the compiler accepted: a compiler bug.
        case clangFailed(arguments: [String], output: String)
        /// The code compiled but did not link, for example a C function
        /// that was declared but that no library provides.
        case linkFailed(output: String)
        /// The tool could not write its output (a full or read-only disk).
        case cannotWriteOutput(path: String, reason: String)

        public var description: String {
            switch self {
            case .clangNotFound(let searched):
                return "cannot find clang; looked at \(searched.joined(separator: ", ")). Set VAIS_CLANG to the clang of your Swift toolchain."
            case .configuredClangUnusable(let path, let code):
                return "VAIS_CLANG names \(path), which cannot be run: \(String(cString: strerror(code))). "
                    + "Point it at the clang of your Swift toolchain, or unset it."
            case .invalidTimeout(let text):
                return "VAIS_COMPILE_TIMEOUT must be a number of seconds above 0, not `\(text)`"
            case .cannotRun(let path, let code):
                return "the toolchain failed to run: cannot start \(path): \(String(cString: strerror(code)))"
            case .timedOut(let path, let seconds):
                return "compile timed out: \(path) did not finish within \(ProcessRunner.Failure.format(seconds)) s and was stopped, "
                    + "with the processes it started. Set VAIS_COMPILE_TIMEOUT (seconds) to allow longer."
            case .killed(let path, let signal, let output):
                return "the toolchain failed: \(path) was killed by signal \(signal) (\(String(cString: strsignal(signal))))\n\(output)"
            case .noOutput(let path, let expected, let output):
                return "the toolchain failed: \(path) exited successfully but did not write \(expected); is it really clang?\n\(output)"
            case .failedWithoutDiagnostic(let path, let status, let output):
                return "the toolchain failed: \(path) exited with status \(status) without a diagnostic\n\(output)"
            case .clangFailed(let arguments, let output):
                return "internal compiler error: clang rejected the generated code. Please report it with the source.\n  clang \(arguments.joined(separator: " "))\n\(output)"
            case .cannotWriteOutput(let path, let reason):
                return "cannot write \(path): \(reason)"
            case .linkFailed(let output):
                let hint = output.contains("hot_") ? "\n(the hot_* functions of std/hot are provided when the program runs under `vais-hot run` or is built with `vais-hot build --hot`)" : ""
                return "linking failed:\n\(output)\(hint)"
            }
        }
    }
}

extension Toolchain.Failure {
    /// clang's and lld's ways of saying they could not write their output
    /// (`unable to open output file 'P': 'R'`, `cannot open output file P:
    /// R`, `IO failure on output stream: R`), as one line naming the path
    /// and the reason; nil when the output says something else.
    static func outputNotWritten(_ output: String, expected path: String) -> Toolchain.Failure? {
        for line in output.split(separator: "\n").map(String.init) {
            if let range = line.range(of: "unable to open output file '") {
                let rest = line[range.upperBound...]
                guard let quote = rest.firstIndex(of: "'") else { continue }
                let reason = rest[rest.index(after: quote)...].trimmingCharacters(in: CharacterSet(charactersIn: ": '"))
                return .cannotWriteOutput(path: String(rest[..<quote]), reason: reason)
            }
            if let range = line.range(of: "cannot open output file ") {
                let rest = line[range.upperBound...]
                guard let colon = rest.range(of: ": ") else { continue }
                return .cannotWriteOutput(path: String(rest[..<colon.lowerBound]), reason: String(rest[colon.upperBound...]))
            }
            if let range = line.range(of: "IO failure on output stream: ") {
                return .cannotWriteOutput(path: path, reason: String(line[range.upperBound...]))
            }
        }
        return nil
    }
}

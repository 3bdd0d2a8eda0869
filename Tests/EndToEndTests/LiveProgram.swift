import Foundation
import Testing

/// A program running under `vais-hot run` (or on its own), whose output the
/// test reads line by line while it edits the source.
final class LiveProgram: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var stdoutLines: [String] = []
    private var stderrText = ""
    private var partial: [Int32: String] = [:]
    /// The streams whose writers have all closed (end of file read).
    private var closed: Set<Int32> = []

    init(executable: String, arguments: [String], directory: URL) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        startReading(out.fileHandleForReading, stream: 1)
        startReading(err.fileHandleForReading, stream: 2)
    }

    /// Reads `handle` to its end on a thread of its own, with blocking
    /// reads. (FileHandle's readabilityHandler runs on a dispatch source
    /// that libdispatch on Linux may still poll once the descriptor is
    /// closed: the test process died of it in _dispatch_event_loop_drain.)
    /// The thread holds the handle, so its descriptor stays open until the
    /// end of file; it holds the program weakly, so that `deinit` can stop it.
    private func startReading(_ handle: FileHandle, stream: Int32) {
        let thread = Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard let program = self else { return }
                program.append(count > 0 ? Data(buffer[..<count]) : Data(), stream: stream)
                if count <= 0 { return }
            }
        }
        thread.start()
    }

    deinit {
        stop()
    }

    /// Ends the program now (SIGKILL: a test runner may leave SIGTERM
    /// blocked in the processes it starts).
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func append(_ data: Data, stream: Int32) {
        lock.lock()
        defer { lock.unlock() }
        guard !data.isEmpty else {
            // End of file: every writer closed the stream, so all it will ever hold has been read.
            closed.insert(stream)
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        if stream == 2 {
            stderrText += text
            return
        }
        let combined = (partial[stream] ?? "") + text
        var lines = combined.components(separatedBy: "\n")
        partial[stream] = lines.removeLast()
        stdoutLines += lines
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stdoutLines
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return stderrText
    }

    /// Waits until `predicate` holds, polling; false after `seconds`.
    func wait(seconds: Double = 20, until predicate: (LiveProgram) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if predicate(self) { return true }
            usleep(5_000)
        }
        return predicate(self)
    }

    func waitForLine(containing text: String, seconds: Double = 20) -> Bool {
        wait(seconds: seconds) { $0.lines.contains { $0.contains(text) } }
    }

    func waitForStderr(containing text: String, seconds: Double = 20) -> Bool {
        wait(seconds: seconds) { $0.stderr.contains(text) }
    }

    /// Whether both output streams reached their end.
    var outputEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed.count == 2
    }

    /// Waits for the process to end and its output to be read to the end,
    /// and returns its exit status.
    func waitForExit(seconds: Double = 30) -> Int32? {
        guard wait(seconds: seconds, until: { !$0.process.isRunning && $0.outputEnded }) else {
            stop()
            return nil
        }
        return process.terminationStatus
    }
}

/// A source file the test edits the way editors save.
struct EditableSource {
    let path: String

    func write(_ text: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Writes a temporary file beside it and renames it over the original.
    func writeAtomically(_ text: String) throws {
        let temporary = path + ".tmp~"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

import CHotSupport
import Foundation

/// Watches source files with inotify. It watches their folders, not the
/// files, so editors that save by writing a temporary file and renaming it
/// over the original, or that delete and re-create it, are seen too.
/// Changes are debounced, but a completed write of a watched file (close
/// after writing, or a rename into place) ends the wait at once.
public final class FileWatcher: @unchecked Sendable {
    public let debounceMilliseconds: Int
    private let descriptor: Int32
    /// Read and write ends of the pipe that wakes `nextChange` on `stop`.
    private(set) var wakeup: [Int32] = [-1, -1]
    private var watches: [Int32: String] = [:]
    private var files: Set<String> = []
    private let lock = NSLock()

    public enum Failure: Error, CustomStringConvertible {
        case inotify(Int32)
        public var description: String {
            switch self {
            case .inotify(let code): return "inotify failed: \(String(cString: strerror(code)))"
            }
        }
    }

    public init(debounceMilliseconds: Int = 100) throws {
        self.debounceMilliseconds = debounceMilliseconds
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw Failure.inotify(errno) }
        // Close-on-exec: clang, lld and `watch --exec` children must not hold the wake-up pipe.
        guard hot_pipe_cloexec(&wakeup) == 0 else { throw Failure.inotify(errno) }
    }

    deinit {
        close(descriptor)
        close(wakeup[0])
        close(wakeup[1])
    }

    /// Sets the files to watch (absolute paths), replacing the previous set.
    public func watch(_ paths: [String]) {
        lock.lock()
        defer { lock.unlock() }
        files = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        let directories = Set(files.map { ($0 as NSString).deletingLastPathComponent })
        for directory in directories where !watches.values.contains(directory) {
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY)
            let watch = inotify_add_watch(descriptor, directory, mask)
            if watch >= 0 { watches[watch] = directory }
        }
    }

    /// Makes a waiting `nextChange` return nil, and every later one: the
    /// wake-up byte stays in the pipe, so a stopped watcher stays stopped.
    public func stop() {
        var byte: UInt8 = 1
        _ = write(wakeup[1], &byte, 1)
    }

    /// Blocks until a watched file changed, and returns when the change was
    /// first seen (monotonic nanoseconds), or nil after `stop`.
    public func nextChange(clock: () -> UInt64) -> UInt64? {
        var firstSeen: UInt64?
        while true {
            let timeout: Int32 = firstSeen == nil ? -1 : Int32(debounceMilliseconds)
            switch waitForEvents(timeout: timeout) {
            case .stopped:
                return nil
            case .timedOut:
                if let firstSeen { return firstSeen }
            case .events(let events):
                for event in events {
                    if firstSeen == nil { firstSeen = clock() }
                    if event == .completed, let firstSeen { return firstSeen }
                }
            }
        }
    }

    private enum Wait {
        case stopped
        case timedOut
        case events([EventKind])
    }

    private enum EventKind {
        /// A write finished or a file was renamed into place: the save is done.
        case completed
        case partial
    }

    private func waitForEvents(timeout: Int32) -> Wait {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeup[0], events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, timeout)
        if ready == 0 { return .timedOut }
        if ready < 0 { return errno == EINTR ? .events([]) : .stopped }
        if fds[1].revents != 0 { return .stopped }
        return .events(readEvents())
    }

    private func readEvents() -> [EventKind] {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return [] }
        lock.lock()
        defer { lock.unlock() }
        var kinds: [EventKind] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += headerSize + length
            guard let directory = watches[watch], files.contains((directory as NSString).appendingPathComponent(name)) else { continue }
            let completed = mask & UInt32(IN_CLOSE_WRITE) != 0 || mask & UInt32(IN_MOVED_TO) != 0
            kinds.append(completed ? .completed : .partial)
        }
        return kinds
    }
}

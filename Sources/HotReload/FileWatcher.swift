import CHotSupport
import Foundation

/// Watches source files with inotify. It watches their folders, not the
/// files, so editors that save by writing a temporary file and renaming it
/// over the original, or that delete and re-create it, are seen too. A
/// source that is a symbolic link is watched both where the link is and
/// where it points; a folder that is removed or moved away is watched again
/// as soon as one of its name exists. Changes are debounced: the wait
/// restarts on each event of a watched file (never on other files of the
/// folder), and a completed write of a watched file ends it at once.
public final class FileWatcher: @unchecked Sendable {
    public let debounceMilliseconds: Int
    private let descriptor: Int32
    /// Read and write ends of the pipe that wakes `nextChange` on `stop`.
    private(set) var wakeup: [Int32] = [-1, -1]
    /// The inotify watch of each folder (two names of one folder, through
    /// a link, share one).
    private var watches: [String: Int32] = [:]
    /// The folders the watched files are in; those missing from `watches`
    /// are tried again every `rearmMilliseconds`.
    private var folders: Set<String> = []
    /// The watched files, as given and with every link resolved.
    private var files: Set<String> = []
    private let lock = NSLock()
    private static let rearmMilliseconds: Int32 = 100
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)

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
        var watched = Set<String>()
        for path in paths {
            let given = URL(fileURLWithPath: path).standardizedFileURL
            watched.insert(given.path)
            watched.insert(given.resolvingSymlinksInPath().path)
        }
        files = watched
        folders = Set(files.map { ($0 as NSString).deletingLastPathComponent })
        armMissingFolders()
    }

    /// Watches each folder of `folders` that is not watched yet and exists
    /// now; true when a folder not watched under any name was armed (the
    /// caller holds `lock`).
    @discardableResult
    private func armMissingFolders() -> Bool {
        var armed = false
        for folder in folders where watches[folder] == nil {
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            guard watch >= 0 else { continue }
            if !watches.values.contains(watch) { armed = true }
            watches[folder] = watch
        }
        return armed
    }

    private var isMissingFolders: Bool {
        lock.lock()
        defer { lock.unlock() }
        return folders.contains { watches[$0] == nil }
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
        var quietUntil: MonotonicDeadline?
        while true {
            var timeout: Int32 = quietUntil?.remainingMilliseconds ?? -1
            if isMissingFolders { timeout = timeout < 0 ? Self.rearmMilliseconds : min(timeout, Self.rearmMilliseconds) }
            var events: [EventKind]
            switch waitForEvents(timeout: timeout) {
            case .stopped: return nil
            case .timedOut: events = []
            case .events(let seen): events = seen
            }
            lock.lock()
            // A folder back under its name: what is in it now may be a new version.
            if armMissingFolders() { events.append(.partial) }
            lock.unlock()
            for event in events {
                if firstSeen == nil { firstSeen = clock() }
                if event == .completed, let firstSeen { return firstSeen }
                quietUntil = MonotonicDeadline(secondsFromNow: Double(debounceMilliseconds) / 1000)
            }
            if let firstSeen, let quietUntil, quietUntil.remainingMilliseconds == 0 { return firstSeen }
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

    /// The events of watched files in what inotify has queued. A watched
    /// folder that went away (removed, or moved: its watch would follow it)
    /// loses its watch, to be armed again when its name exists.
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
            let names = watches.filter { $0.value == watch }.map(\.key)
            guard !names.isEmpty else { continue }
            if mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                for folder in names { watches[folder] = nil }
                if mask & UInt32(IN_IGNORED) == 0 { inotify_rm_watch(descriptor, watch) }
                kinds.append(.partial)
                continue
            }
            guard names.contains(where: { files.contains(($0 as NSString).appendingPathComponent(name)) }) else { continue }
            let completed = mask & UInt32(IN_CLOSE_WRITE) != 0 || mask & UInt32(IN_MOVED_TO) != 0
            kinds.append(completed ? .completed : .partial)
        }
        return kinds
    }
}

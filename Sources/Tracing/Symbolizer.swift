import CDw
import Foundation

/// Maps code addresses of this process to `function (file.vais:line)` with
/// libdwfl, reading the DWARF line tables that `-g` emits. Hot parts the
/// caller names (file and load address) are read from those files
/// directly; anything else through the process's module list, re-read
/// before each lookup (that list can be caught mid-change while other
/// threads load and unload libraries, so the named parts do not use it).
public final class Symbolizer: @unchecked Sendable {
    public struct Location: Sendable, Equatable, CustomStringConvertible {
        public let function: String?
        public let file: String?
        public let line: Int?
        /// The symbol as linked (`vais.trace.step` for a trampoline).
        public let symbol: String?

        /// A tracing trampoline, not code the user wrote.
        public var isTrampoline: Bool { symbol?.hasPrefix("vais.trace.") ?? false }

        /// Code compiled from Vais source.
        public var isVais: Bool { file?.hasSuffix(".vais") ?? false }

        public var description: String {
            let name = function ?? "??"
            guard let file, let line else { return name }
            return "\(name) (\((file as NSString).lastPathComponent):\(line))"
        }
    }

    private let lock = NSLock()
    private var session: OpaquePointer?
    private var callbacks: UnsafeMutablePointer<Dwfl_Callbacks>
    private var debugInfoPath: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    /// Libraries named by the caller, and a session that holds just them.
    private var known: [(path: String, range: Range<UInt>)] = []
    private var knownSession: OpaquePointer?
    /// Set when `known` changed: the session is rebuilt at the next lookup
    /// that needs it, not on every load and unload (a reload does both).
    private var knownSessionIsStale = false
    private var knownCallbacks: UnsafeMutablePointer<Dwfl_Callbacks>

    public init() {
        debugInfoPath = .allocate(capacity: 1)
        debugInfoPath.initialize(to: nil)
        callbacks = .allocate(capacity: 1)
        callbacks.initialize(to: Dwfl_Callbacks(find_elf: dwfl_linux_proc_find_elf, find_debuginfo: dwfl_standard_find_debuginfo,
                                                section_address: nil, debuginfo_path: debugInfoPath))
        knownCallbacks = .allocate(capacity: 1)
        knownCallbacks.initialize(to: Dwfl_Callbacks(find_elf: nil, find_debuginfo: dwfl_standard_find_debuginfo,
                                                     section_address: nil, debuginfo_path: debugInfoPath))
    }

    deinit {
        if let session { dwfl_end(session) }
        if let knownSession { dwfl_end(knownSession) }
        callbacks.deallocate()
        knownCallbacks.deallocate()
        debugInfoPath.deallocate()
    }

    /// Names a loaded library (its file and the addresses it occupies; its
    /// load bias is the start, as for the shared objects lld writes).
    public func add(path: String, range: Range<UInt>) {
        lock.lock()
        defer { lock.unlock() }
        known.append((path, range))
        knownSessionIsStale = true
    }

    /// Forgets a library (before it is unloaded and its addresses reused).
    public func remove(path: String) {
        lock.lock()
        defer { lock.unlock() }
        known.removeAll { $0.path == path }
        knownSessionIsStale = true
    }

    private func rebuildKnownSession() {
        knownSessionIsStale = false
        if let knownSession { dwfl_end(knownSession) }
        knownSession = dwfl_begin(knownCallbacks)
        guard let knownSession else { return }
        dwfl_report_begin(knownSession)
        for library in known {
            _ = dwfl_report_elf(knownSession, library.path, library.path, -1, GElf_Addr(library.range.lowerBound), false)
        }
        dwfl_report_end(knownSession, nil, nil)
    }

    /// Re-reads which modules the process has loaded.
    private func refresh() -> OpaquePointer? {
        if session == nil { session = dwfl_begin(callbacks) }
        guard let session else { return nil }
        dwfl_report_begin(session)
        dwfl_linux_proc_report(session, getpid())
        dwfl_report_end(session, nil, nil)
        return session
    }

    /// The function and source line of a code address, or nil when no
    /// module covers it. A lookup that finds no symbol is tried once more
    /// with a fresh session: libraries loaded and unloaded meanwhile (at the
    /// same addresses, by other threads) can leave a stale module list.
    public func locate(_ address: UInt) -> Location? {
        lock.lock()
        defer { lock.unlock() }
        if known.contains(where: { $0.range.contains(address) }) {
            if knownSessionIsStale { rebuildKnownSession() }
            return knownSession.flatMap { lookup(address, in: $0) }
        }
        if let found = refresh().flatMap({ lookup(address, in: $0) }), found.symbol != nil { return found }
        if let session { dwfl_end(session) }
        session = nil
        return refresh().flatMap { lookup(address, in: $0) }
    }

    private func lookup(_ address: UInt, in session: OpaquePointer) -> Location? {
        guard let module = dwfl_addrmodule(session, Dwarf_Addr(address)) else { return nil }
        let symbol = dwfl_module_addrname(module, Dwarf_Addr(address)).map { String(cString: $0) }
        var file: String?
        var line: Int?
        if let sourceLine = dwfl_module_getsrc(module, Dwarf_Addr(address)) {
            var number: Int32 = 0
            if let name = dwfl_lineinfo(sourceLine, nil, &number, nil, nil, nil) {
                file = String(cString: name)
                line = Int(number)
            }
        }
        return Location(function: symbol.map(Self.vaisName), file: file, line: line, symbol: symbol)
    }

    /// `vais.hot.step`, `vais.trace.step` and `vais.step` are the Vais function `step`.
    static func vaisName(_ symbol: String) -> String {
        for prefix in ["vais.hot.", "vais.trace.", "vais."] where symbol.hasPrefix(prefix) { return String(symbol.dropFirst(prefix.count)) }
        return symbol
    }
}

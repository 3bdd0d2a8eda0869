import CDw
import Foundation

/// Maps code addresses of this process to `function (file.vais:line)` with
/// libdwfl, reading the DWARF line tables that `-g` emits. The process's
/// modules are re-read before a lookup when new libraries were loaded.
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

    public init() {
        debugInfoPath = .allocate(capacity: 1)
        debugInfoPath.initialize(to: nil)
        callbacks = .allocate(capacity: 1)
        callbacks.initialize(to: Dwfl_Callbacks(find_elf: dwfl_linux_proc_find_elf, find_debuginfo: dwfl_standard_find_debuginfo,
                                                section_address: nil, debuginfo_path: debugInfoPath))
    }

    deinit {
        if let session { dwfl_end(session) }
        callbacks.deallocate()
        debugInfoPath.deallocate()
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
        if let found = lookup(address), found.symbol != nil { return found }
        if let session { dwfl_end(session) }
        session = nil
        return lookup(address)
    }

    private func lookup(_ address: UInt) -> Location? {
        guard let session = refresh(), let module = dwfl_addrmodule(session, Dwarf_Addr(address)) else { return nil }
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

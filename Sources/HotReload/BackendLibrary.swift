import Foundation
import Synchronization

/// libVaisBackend.so (Sources/VaisBackend): LLVM 16 and lld as libraries,
/// loaded with dlopen the first time a hot part is built, so vais-hot
/// itself never depends on LLVM 16 being installed. Its functions are
/// looked up by name; the library serializes what is not thread-safe.
final class BackendLibrary: @unchecked Sendable {
    static let fileName = "libVaisBackend.so"

    typealias EmitObject = @convention(c) (UnsafePointer<CChar>?, Int, Int32, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                           UnsafeMutablePointer<Int>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
    typealias StartLinkHelper = @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
    typealias Link = @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, Int32, Double, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                     UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
    typealias Version = @convention(c) () -> UnsafePointer<CChar>?
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void

    let path: String
    let llvmVersion: String
    private let emitObject: EmitObject
    private let link: Link
    private let free: Free
    private let startLinkHelper: StartLinkHelper
    private let linkHelper = Mutex(LinkHelper())

    /// The process that links for this one (see Sources/VaisBackend/link_helper.cpp).
    struct LinkHelper {
        /// Its process group, killed by `ExitCleanup` at exit; nil when it
        /// did not start or is gone.
        var group: pid_t?
        /// How many replaced one that was gone, of `linkHelperRestarts`.
        var restarts = 0
    }

    /// Helpers started after the first is gone, before links fork this process for good.
    static let linkHelperRestarts = 3

    /// Why the library could not be used, in one line.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// What LLVM or lld said when they refused their input.
    struct Rejected: Error, CustomStringConvertible {
        let description: String
    }

    /// A link stopped at the time limit, with what was done about the
    /// link helper it ran in.
    struct TimedOut: Error {
        let seconds: Double
        let notice: String?
    }

    /// The library beside the running executable (or beside the loaded
    /// libVaisHotRuntime.so, in a `build --hot` program), loaded once.
    static let shared: Result<BackendLibrary, Unavailable> = {
        let executableFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
        let folders: [String] = [RuntimeLibrary.loadedFolder(), executableFolder].compactMap { $0 }
        let candidates = folders.map { ($0 as NSString).appendingPathComponent(fileName) }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            return .failure(Unavailable(description: "no \(fileName) (looked at \(candidates.joined(separator: ", ")))"))
        }
        return Result { () throws(Unavailable) in try BackendLibrary(path: path) }
    }()

    /// Loads the library at `path`. RTLD_LOCAL: LLVM's thousands of symbols
    /// stay out of the way of everything else this process loads.
    init(path: String) throws(Unavailable) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw Unavailable(description: "cannot load \(path): \(String(cString: dlerror()))")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(Unavailable) -> T {
            guard let address = dlsym(handle, name) else { throw Unavailable(description: "\(path) has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        self.path = path
        emitObject = try symbol("vais_backend_emit_object", as: EmitObject.self)
        link = try symbol("vais_backend_link", as: Link.self)
        free = try symbol("vais_backend_free", as: Free.self)
        let version = try symbol("vais_backend_llvm_version", as: Version.self)
        llvmVersion = version().map { String(cString: $0) } ?? "?"
        startLinkHelper = try symbol("vais_backend_start_link_helper", as: StartLinkHelper.self)
        // Now, while the process is small (before the program runs): a
        // helper that cannot start is said by the first link.
        let helper = try? startTrackedLinkHelper()
        linkHelper.withLock { $0.group = helper }
    }

    /// The link helper's process group, when it runs.
    var linkHelperGroup: pid_t? { linkHelper.withLock { $0.group } }

    /// Forks a link helper, tracked so that clean-up kills it however
    /// vais-hot ends.
    private func startTrackedLinkHelper() throws -> pid_t {
        try ExitCleanup.startTracked { () throws(Unavailable) -> pid_t in
            var error: UnsafeMutablePointer<CChar>?
            let helper = startLinkHelper(&error)
            guard helper > 0 else { throw Unavailable(description: takeMessage(error)) }
            return helper
        }
    }

    /// After a link that found no helper (`reason`): another one, while
    /// restarts are left. Says what links do from now on.
    private func replaceLinkHelper(because reason: String) -> String {
        linkHelper.withLock { helper in
            if let group = helper.group { ExitCleanup.forget(processGroup: group) }
            helper.group = nil
            guard helper.restarts < Self.linkHelperRestarts else { return "\(reason); links fork vais-hot from now on" }
            helper.restarts += 1
            do {
                let started = try startTrackedLinkHelper()
                helper.group = started
                return "\(reason); started another (pid \(started))"
            } catch {
                return "\(reason); links fork vais-hot until one starts (\(error))"
            }
        }
    }

    /// IR text to an ELF object, in memory; throws what LLVM said.
    func emitObject(irText: String, optimization: Int) throws -> [UInt8] {
        var object: UnsafeMutableRawPointer?
        var length = 0
        var error: UnsafeMutablePointer<CChar>?
        let status = irText.utf8CString.withUnsafeBufferPointer { ir in
            emitObject(ir.baseAddress, ir.count - 1, Int32(clamping: optimization), &object, &length, &error)
        }
        guard status == 0, let object else { throw Rejected(description: takeMessage(error)) }
        defer { free(object) }
        return Array(UnsafeRawBufferPointer(start: object, count: length))
    }

    /// lld with ld.lld's `arguments`, stopped after `timeout` seconds;
    /// throws lld's diagnostics, or `TimedOut`. Returns a notice when the
    /// link helper was gone (or never started, or was stopped at the time
    /// limit), and what was done about it.
    func link(arguments: [String], timeout: Double) throws -> String? {
        var error: UnsafeMutablePointer<CChar>?
        var notice: UnsafeMutablePointer<CChar>?
        let copies = arguments.map { strdup($0) }
        defer { copies.forEach { Foundation.free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        let status = pointers.withUnsafeBufferPointer { link($0.baseAddress, Int32(pointers.count), timeout, &error, &notice) }
        let said = notice.map { replaceLinkHelper(because: takeMessage($0)) }
        if status == 2 {
            _ = takeMessage(error)
            throw TimedOut(seconds: timeout, notice: said)
        }
        guard status == 0 else { throw Rejected(description: takeMessage(error)) }
        return said
    }

    private func takeMessage(_ message: UnsafeMutablePointer<CChar>?) -> String {
        guard let message else { return "no message" }
        defer { free(message) }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

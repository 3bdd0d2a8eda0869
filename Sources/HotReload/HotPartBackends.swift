import Foundation
import Synchronization

/// Which back end builds hot parts: LLVM and lld in process when
/// libVaisBackend.so loads, else clang and ld.lld processes with a one-line
/// notice. `VAIS_BACKEND=clang` asks for the processes; `VAIS_BACKEND=llvm`
/// (or nothing) for the library.
public enum HotPartBackends {
    public static let environmentVariable = "VAIS_BACKEND"

    public static func forHotParts(toolchain: Toolchain, environment: [String: String] = ProcessInfo.processInfo.environment,
                                   notice: @escaping @Sendable (String) -> Void = printNotice) -> any HotPartBackend {
        choose(toolchain: toolchain, environment: environment, library: BackendLibrary.shared, notice: notice)
    }

    /// `library` is only loaded when it is to be used: LLVM costs tens of megabytes of RSS.
    static func choose(toolchain: Toolchain, environment: [String: String],
                       library: @autoclosure () -> Result<BackendLibrary, BackendLibrary.Unavailable>,
                       notice: @escaping @Sendable (String) -> Void) -> any HotPartBackend {
        let processes = ClangProcessBackend(toolchain: toolchain)
        switch environment[environmentVariable] ?? "" {
        case "clang":
            return processes
        case "", "llvm":
            break
        case let other:
            notice("\(environmentVariable)=\(other) is neither llvm nor clang; using llvm")
        }
        switch library() {
        case .success(let library):
            return InProcessBackend(library: library, fallback: processes, notice: notice)
        case .failure(let unavailable):
            notice("hot parts are compiled by \(processes.name): \(unavailable)")
            return processes
        }
    }

    /// Why hot parts cannot be built in process here; nil when they can.
    public static var inProcessUnavailable: String? {
        if case .failure(let unavailable) = BackendLibrary.shared { return unavailable.description }
        return nil
    }

    private static let printed = Mutex<Set<String>>([])

    /// Says on stderr, in one line, what vais-hot does instead; each thing
    /// once per process, not once per build.
    @Sendable public static func printNotice(_ text: String) {
        guard printed.withLock({ $0.insert(text).inserted }) else { return }
        FileHandle.standardError.write(Data("vais-hot: notice: \(text)\n".utf8))
    }
}

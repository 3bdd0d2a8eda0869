import Foundation
import SystemProbes

/// libVaisHotRuntime.so, the hot-reload runtime a `build --hot` executable
/// links against: built by this package beside the vais-hot executable.
public enum RuntimeLibrary {
    public static let fileName = "libVaisHotRuntime.so"

    public enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let folder):
                return "\(RuntimeLibrary.fileName) is not in \(folder); build it with `swift build --product VaisHotRuntime`"
            }
        }
    }

    /// The folder holding the runtime library: the running executable's.
    public static func folder() throws -> String {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(fileName)) else {
            throw Failure.notFound(folder)
        }
        return folder
    }

    /// The folder of the runtime library loaded in this process, if any
    /// (inside a `build --hot` program).
    public static func loadedFolder() -> String? {
        ProcFile.mappedPaths().first { $0.hasSuffix("/" + fileName) }.map { ($0 as NSString).deletingLastPathComponent }
    }

    /// What the linker needs to link a host executable with the runtime:
    /// the library, where to find it and the Swift runtime at run time, and
    /// every symbol exported so hot parts and the runtime can find them.
    public static func linkArguments(toolchain: Toolchain) throws -> [String] {
        let folder = try folder()
        return ["-L\(folder)", "-lVaisHotRuntime", "-Wl,-rpath,\(folder)", "-Wl,-rpath,\(toolchain.swiftRuntimeLibraries)",
                "-Wl,--export-dynamic"]
    }
}

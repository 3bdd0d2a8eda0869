import Foundation

/// Finds the `std/` folder that `U std/...` imports read from.
public enum StandardLibrary {
    /// `VAIS_STD` if set; otherwise the nearest `std/hot.vais` above the
    /// source file, then above this executable (a build inside the repo),
    /// then above each of `alsoAbove`.
    public static func locate(forSource source: String, alsoAbove: [String] = [],
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let configured = environment["VAIS_STD"], !configured.isEmpty { return configured }
        let starts = [
            URL(fileURLWithPath: source).standardizedFileURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL.deletingLastPathComponent(),
        ] + alsoAbove.map { URL(fileURLWithPath: $0) }
        for start in starts {
            var directory = start
            while true {
                let candidate = directory.appendingPathComponent("std")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("hot.vais").path) { return candidate.path }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}

import Foundation

/// libVaisProgramRuntime.a: the original compiler's runtime functions that
/// Vais programs call by name (`__mutex_create`, `__strlen`, `print_str`,
/// ...; Sources/CProgramRuntime), built by this package beside the vais-hot
/// executable. Every executable and host part is linked with all of it, so
/// a hot part finds what it calls in its host; its definitions are weak, so
/// one of the same name from elsewhere wins.
public enum ProgramRuntimeLibrary {
    public static let fileName = "libVaisProgramRuntime.a"

    /// The archive beside the running executable; nil when it was not built
    /// (`swift build` builds it), and programs then link without it.
    public static func path() -> String? {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let archive = folder.appendingPathComponent(fileName).path
        return FileManager.default.fileExists(atPath: archive) ? archive : nil
    }

    /// The linker's arguments that take every member of `archive`.
    static func wholeArchiveArguments(_ archive: String) -> [String] {
        ["--whole-archive", archive, "--no-whole-archive"]
    }
}

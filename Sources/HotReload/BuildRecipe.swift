import Foundation
import VaisCompiler
import VaisSyntax

/// How to build one program: its root file, the compile options and the
/// optimisation level. The command line makes it once and hands it to the
/// use case; nothing else stores a source path.
public struct BuildRecipe: Sendable {
    /// The program's root file, absolute and standardised once here. Links
    /// are kept: the watcher watches a link and what it points at.
    public let sourcePath: String
    /// Debug info, the std folder, and the rest of what the compiler takes.
    public var compileOptions: CompileOptions
    /// `-O0` to `-O3`, passed to clang.
    public var optimization: Int

    public init(source: String, compileOptions: CompileOptions, optimization: Int = 0) {
        sourcePath = URL(fileURLWithPath: source).standardizedFileURL.path
        self.compileOptions = compileOptions
        self.optimization = optimization
    }

    /// A recipe as the command line makes it: the std folder given, or else
    /// `VAIS_STD`, or else the nearest std/ above the source.
    public init(source: String, standardLibrary: String?, debugInfo: Bool = false, optimization: Int = 0) {
        self.init(source: source, compileOptions: CompileOptions(debugInfo: debugInfo), optimization: optimization)
        compileOptions.standardLibrary = standardLibrary ?? StandardLibrary.locate(forSource: sourcePath)
    }

    /// The root file as messages show it: relative to the working folder
    /// when beneath it.
    public var shownSourcePath: String {
        shownPath(sourcePath, from: FileManager.default.currentDirectoryPath)
    }

    /// The file's name without `.vais`: what build folders and libraries are named after.
    public var programName: String {
        ((sourcePath as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The same recipe for another root file (a profile's working copy).
    public func building(_ source: String) -> BuildRecipe {
        BuildRecipe(source: source, compileOptions: compileOptions, optimization: optimization)
    }
}

import Foundation
import HotReload
import VaisCompiler

/// A copy of a program's source files for a profile to edit, so the
/// user's own files are never touched. Files keep their places relative to
/// each other, so imports still resolve; the standard library is not copied.
enum WorkingCopy {
    /// Copies the program `recipe` builds into `folder` and returns the
    /// copy of the root file.
    static func make(of recipe: BuildRecipe, in folder: String) throws -> String {
        let options = recipe.compileOptions
        let root = URL(fileURLWithPath: recipe.sourcePath)
        let parsed = Compiler.parse(path: root.path, options: options)
        let standardLibrary = options.standardLibrary.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/" }
        let files = parsed.sources.files.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
            .filter { path in standardLibrary.map { !path.hasPrefix($0) } ?? true }
        let base = commonFolder(files)
        try? FileManager.default.removeItem(atPath: folder)
        for file in files {
            let relative = String(file.dropFirst(base.count))
            let destination = (folder as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: file, toPath: destination)
        }
        return (folder as NSString).appendingPathComponent(String(root.path.dropFirst(base.count)))
    }

    /// The longest folder path (with a trailing slash) that holds every file.
    private static func commonFolder(_ files: [String]) -> String {
        guard var prefix = files.first.map({ ($0 as NSString).deletingLastPathComponent + "/" }) else { return "/" }
        for file in files.dropFirst() {
            while !file.hasPrefix(prefix) {
                prefix = (String(prefix.dropLast()) as NSString).deletingLastPathComponent + "/"
            }
        }
        return prefix
    }
}

import Foundation
import VaisCompiler

extension Reloader {
    /// A `build --hot` executable: the executable is the host, and
    /// `libNAME.so` beside it is version 1. Nothing is rebuilt until the
    /// program says where its source is (`hot_init`).
    public static func attachToExecutable(observer: @escaping @Sendable (ReloadEvent) -> Void) throws -> Reloader {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent().path
        let stem = executable.lastPathComponent
        let host = try HostProgram.executable()
        let first = VersionLoader.Candidate(sharedObject: (folder as NSString).appendingPathComponent("lib\(stem).so"),
                                            hotFunctions: host.hotFunctions, bodyHashes: [:], isStaged: false)
        let configuration = Configuration(buildRoot: (folder as NSString).appendingPathComponent(".vais-hot"))
        let directory = try PrivateDirectory(parent: configuration.buildRoot, name: stem)
        do {
            return try Reloader(configuration: configuration, programName: stem, directory: directory, host: host, first: first, builder: nil, observer: observer)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// `hot_init`: rebuilds from `sourcePath` (and what it imports) on
    /// every change from now on.
    /// The executable was built without debug info and at -O0, and so are
    /// its versions; they take the checking options its manifest records.
    public func watchSource(_ sourcePath: String) throws {
        let options = CompileOptions(lenientMutability: host.manifest.entries[ABIManifest.lenientMutabilityKey] != nil)
        var recipe = BuildRecipe(source: sourcePath, compileOptions: options)
        let path = recipe.sourcePath
        recipe.compileOptions.standardLibrary = StandardLibrary.locate(forSource: path, alsoAbove: RuntimeLibrary.loadedFolder().map { [$0] } ?? [])
        let parsed = Compiler.parse(path: path, options: recipe.compileOptions)
        guard FileManager.default.fileExists(atPath: path) else { throw PrivateDirectory.Failure.fileOperation("read", path: path, ENOENT) }
        buildLock.lock()
        if builder == nil {
            do {
                builder = HotPartBuilder(recipe: recipe, toolchain: try Toolchain.locate())
            } catch {
                buildLock.unlock()
                throw error
            }
        }
        buildLock.unlock()
        watcher.watch(parsed.sources.files.map(\.path))
        startWatching()
    }
}

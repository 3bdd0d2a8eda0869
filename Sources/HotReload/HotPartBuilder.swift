import Foundation
import SystemProbes
import VaisCompiler
import VaisSyntax

/// Compiles a program's source into the two parts of a hot-reloadable
/// program, timing each phase. Runs off the program's thread.
public struct HotPartBuilder: Sendable {
    /// Nanoseconds spent in each phase of one build.
    public struct Timings: Sendable, Equatable {
        /// When the build began (monotonic); the phases follow one another from here.
        public var start: UInt64 = 0
        public var parse: UInt64 = 0
        public var check: UInt64 = 0
        public var emit: UInt64 = 0
        /// The back end's two steps (see `HotPartBackend`).
        public var codegen: UInt64 = 0
        public var link: UInt64 = 0
        public init() {}
    }

    /// A hot part compiled to a shared object, not yet loaded.
    public struct Build: Sendable {
        public let sharedObject: String
        public let manifest: ABIManifest
        /// The hot functions this part holds: all of them, or for a partial
        /// reload those whose digest changed.
        public let hotFunctions: [HotFunctionInfo]
        /// A hash of each hot function's source, to say what an edit changed.
        public let bodyHashes: [String: String]
        /// Every hot function's `HotFunctionDigest`, held here or not.
        public let digests: [String: String]
        /// Every file the program was read from, to watch them all.
        public let sourceFiles: [String]
        public let sourceDigest: String
        public let timings: Timings
        /// The host part's IR, for the first build (nil when the build was
        /// asked for the hot part alone).
        public let hostIR: String?

        public var candidate: VersionLoader.Candidate {
            VersionLoader.Candidate(sharedObject: sharedObject, hotFunctions: hotFunctions, bodyHashes: bodyHashes, digests: digests, isStaged: true)
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case diagnostics(String)
        case toolchain(String)
        /// The edit needs what the running program cannot give (a spare slot).
        case refused([String])

        public var description: String {
            switch self {
            case .diagnostics(let text): return text
            case .toolchain(let text): return text
            case .refused(let reasons): return "reload refused: " + reasons.joined(separator: "; ")
            }
        }
    }

    public let recipe: BuildRecipe
    /// Builds host parts and executables.
    public let toolchain: Toolchain
    /// Builds hot parts: by default LLVM and lld in process when their
    /// library loads, else the toolchain's processes.
    public let backend: any HotPartBackend

    public init(recipe: BuildRecipe, toolchain: Toolchain, backend: (any HotPartBackend)? = nil) {
        self.recipe = recipe
        self.toolchain = toolchain
        self.backend = backend ?? HotPartBackends.forHotParts(toolchain: toolchain)
    }

    /// Parses, checks and lowers the source, then compiles the hot part to
    /// `output`, its IR written in `scratch`. The host part is lowered too
    /// unless `withHost` is false (a reload: the running host was built at
    /// launch). With `runningDigests` (what the slots run now) a reload's
    /// hot part holds only the functions whose digest differs from it.
    /// With `runningHost` (a reload's, with the spares it has given out),
    /// functions new to that host that hot code calls are defined in the
    /// hot part (`HotPartLocals`), and those whose address is taken get a
    /// spare slot (`HotPartSpares`). With `hostLibrary`, the shared object
    /// `vais-hot run` loads as the host, the hot part is linked against it
    /// (so it binds to that host alone); a build with its host compiles the
    /// host there first.
    public func build(hotPartTo output: String, scratch: PrivateDirectory, withHost: Bool = true, hostLibrary: String? = nil,
                      bootstrapsRuntime: Bool = false, runningDigests: [String: String]? = nil,
                      runningHost: ABIManifest? = nil) -> Result<Build, Failure> {
        var timings = Timings()
        timings.start = MonotonicClock.now()
        let (parsed, parseTime) = MonotonicClock.measure { Compiler.parse(path: recipe.sourcePath, options: recipe.compileOptions) }
        timings.parse = parseTime
        let (checked, checkTime) = MonotonicClock.measure { Compiler.check(parsed, options: recipe.compileOptions) }
        timings.check = checkTime
        guard let program = checked.program else {
            return .failure(.diagnostics(checked.renderedDiagnostics(color: isatty(2) == 1)))
        }
        let debugInfo = recipe.compileOptions.debugInfo
        let (emitted, emitTime) = MonotonicClock.measure { () -> Result<Emitted, HotPartSpares.PoolExhausted> in
            let digests = HotFunctionDigest.digests(of: program, debugInfo: debugInfo, runningHost: runningHost)
            let hot: HotPart
            var host: String?
            if withHost {
                let split = IREmitter.emitSplit(program, debugInfo: debugInfo, bootstrapsRuntime: bootstrapsRuntime,
                                                 countsCalls: recipe.compileOptions.profilingCounters, spareSlots: recipe.compileOptions.spareSlots)
                hot = HotPart(ir: split.hot, manifest: split.manifest, hotFunctions: split.hotFunctions)
                host = split.host
            } else {
                let changed = runningDigests.map { running in Set(digests.keys.filter { digests[$0] != running[$0] }) }
                let counts = recipe.compileOptions.profilingCounters
                if let runningHost {
                    switch IREmitter.emitHotPart(program, debugInfo: debugInfo, countsCalls: counts, only: changed, against: runningHost) {
                    case .success(let part): hot = part
                    case .failure(let exhausted): return .failure(exhausted)
                    }
                } else {
                    hot = IREmitter.emitHotPart(program, debugInfo: debugInfo, countsCalls: counts, only: changed)
                }
            }
            return .success(Emitted(hot: hot, host: host, hashes: Self.hotBodyHashes(program), digests: digests, digest: Self.digest(program.sources)))
        }
        timings.emit = emitTime
        let built: Emitted
        switch emitted {
        case .success(let result): built = result
        case .failure(let exhausted): return .failure(.refused([exhausted.description]))
        }
        let hot = built.hot
        do {
            if let hostLibrary, let hostIR = built.host {
                try compileHost(hostIR, to: hostLibrary, scratch: scratch, kind: .hostPart)
            }
            let steps = try backend.buildSharedObject(irText: hot.ir, scratch: scratch, to: output, optimization: recipe.optimization,
                                                      debugInfo: recipe.compileOptions.debugInfo, host: hostLibrary)
            timings.codegen = steps.codegen
            timings.link = steps.link
        } catch {
            return .failure(.toolchain("\(error)"))
        }
        return .success(Build(sharedObject: output, manifest: hot.manifest, hotFunctions: hot.hotFunctions,
                              bodyHashes: built.hashes, digests: built.digests, sourceFiles: program.sources.files.map(\.path),
                              sourceDigest: built.digest, timings: timings, hostIR: built.host))
    }

    /// What lowering gives a build: the hot part, the host's IR when asked
    /// for, and the digests the reloader keeps.
    private struct Emitted {
        let hot: HotPart
        let host: String?
        let hashes: [String: String]
        let digests: [String: String]
        let digest: String
    }

    /// Compiles the host part of `build` to an executable linked with extra
    /// arguments (for `build --hot`).
    public func compileHost(of build: Build, to output: String, scratch: PrivateDirectory, kind: Toolchain.OutputKind,
                            linkArguments: [String] = []) throws {
        guard let ir = build.hostIR else { throw Failure.toolchain("internal error: the build lowered the hot part alone, without its host") }
        try compileHost(ir, to: output, scratch: scratch, kind: kind, linkArguments: linkArguments)
    }

    private func compileHost(_ ir: String, to output: String, scratch: PrivateDirectory, kind: Toolchain.OutputKind,
                             linkArguments: [String] = []) throws {
        try toolchain.compile(irText: ir, scratch: scratch, to: output, kind: kind, optimization: recipe.optimization,
                              debugInfo: recipe.compileOptions.debugInfo, extraArguments: linkArguments)
    }

    private static func hotBodyHashes(_ program: CheckedProgram) -> [String: String] {
        var hashes: [String: String] = [:]
        for id in program.model.hotFunctions {
            let function = program.model.function(id)
            guard let span = function.declaration?.span else { continue }
            hashes[function.name] = SourceDigest.fnv1a(program.sources[span.file].bytes[Int(span.start)..<Int(span.end)])
        }
        return hashes
    }

    private static func digest(_ sources: SourceManager) -> String {
        digest(sources.files.map { ($0.path, $0.bytes) })
    }

    /// One digest over files' paths and contents: a build's, and the files
    /// on disk when a change is seen, so an unchanged save costs no build.
    /// A leading byte order mark is left out, as the compiler's source
    /// files leave it out.
    static func digest(_ files: [(path: String, bytes: [UInt8])]) -> String {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var hasher = SourceDigest.Hasher()
        for file in files {
            hasher.combine(file.path.utf8)
            hasher.combine(file.bytes.starts(with: byteOrderMark) ? file.bytes.dropFirst(3) : file.bytes[...])
        }
        return hasher.digest
    }
}

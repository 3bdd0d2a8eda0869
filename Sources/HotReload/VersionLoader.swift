import Documents
import Foundation
import SystemProbes
import VaisCompiler

/// Loads hot parts: moves each build to a numbered file in the private
/// directory, checks its ABI manifest against the running host with libelf
/// before `dlopen`, opens it and looks up every hot function.
public struct VersionLoader: Sendable {
    /// Nanoseconds spent loading one version.
    public struct Timings: Sendable, Equatable {
        /// When loading began (monotonic); the phases follow one another from here.
        public var start: UInt64 = 0
        public var copy: UInt64 = 0
        public var elfCheck: UInt64 = 0
        public var dlopen: UInt64 = 0
        /// Per hot function, in lookup order.
        public var dlsym: [(name: String, nanoseconds: UInt64)] = []
        public init() {}

        public var dlsymTotal: UInt64 { dlsym.reduce(0) { $0 + $1.nanoseconds } }

        public static func == (lhs: Timings, rhs: Timings) -> Bool {
            lhs.start == rhs.start && lhs.copy == rhs.copy && lhs.elfCheck == rhs.elfCheck && lhs.dlopen == rhs.dlopen
                && lhs.dlsym.map(\.name) == rhs.dlsym.map(\.name) && lhs.dlsym.map(\.nanoseconds) == rhs.dlsym.map(\.nanoseconds)
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The edit changed something the running program depends on.
        case refused([String])
        /// The private directory was replaced, or a file in it could not be made.
        case directory(PrivateDirectory.Failure)
        case unreadable(String)
        case dlopen(String)
        case missingSymbol(String)

        public var description: String {
            switch self {
            case .refused(let reasons): return "reload refused: " + reasons.joined(separator: "; ")
            case .directory(let failure): return failure.description
            case .unreadable(let message): return "cannot read the new hot part: \(message)"
            case .dlopen(let message): return "dlopen failed: \(message)"
            case .missingSymbol(let name): return "the new hot part lacks `\(name)`"
            }
        }
    }

    public let directory: PrivateDirectory
    public let libraryName: String
    public let hostManifest: ABIManifest

    public init(directory: PrivateDirectory, libraryName: String, hostManifest: ABIManifest) {
        self.directory = directory
        self.libraryName = libraryName
        self.hostManifest = hostManifest
    }

    public func path(ofVersion number: Int) -> String {
        directory.file(fileName(ofVersion: number))
    }

    private func fileName(ofVersion number: Int) -> String {
        "lib\(libraryName).v\(number).so"
    }

    /// A compiled hot part waiting to be loaded.
    public struct Candidate: Sendable {
        public let sharedObject: String
        public let hotFunctions: [HotFunctionInfo]
        public let bodyHashes: [String: String]
        /// Each hot function's `HotFunctionDigest` in the source it was
        /// built from (empty when unknown: the next reload rebuilds all).
        public let digests: [String: String]
        /// Whether the file is ours to move into place; otherwise (the
        /// library shipped beside a `build --hot` executable) it is copied.
        public let isStaged: Bool

        public init(sharedObject: String, hotFunctions: [HotFunctionInfo], bodyHashes: [String: String], digests: [String: String] = [:],
                    isStaged: Bool) {
            self.sharedObject = sharedObject
            self.hotFunctions = hotFunctions
            self.bodyHashes = bodyHashes
            self.digests = digests
            self.isStaged = isStaged
        }
    }

    /// Loads a build as version `number`, checked against `running` (the
    /// host's manifest with the spares given out so far; the host's own by
    /// default). On failure nothing stays mapped and the file is removed.
    /// The warnings list edits that will only take effect after a restart.
    public func load(_ build: Candidate, as number: Int, against running: ABIManifest? = nil) -> Result<(LoadedVersion, warnings: [String]), Failure> {
        var timings = Timings()
        let name = fileName(ofVersion: number)
        let path: String
        let start = MonotonicClock.now()
        timings.start = start
        do {
            if build.isStaged {
                try directory.move((build.sharedObject as NSString).lastPathComponent, to: name)
            } else {
                try directory.copy(from: build.sharedObject, to: name)
            }
            path = try directory.verifiedFile(name)
        } catch let failure as PrivateDirectory.Failure {
            return .failure(.directory(failure))
        } catch {
            return .failure(.unreadable("cannot put \(build.sharedObject) in place: \(error)"))
        }
        timings.copy = MonotonicClock.now() - start

        let checkStart = MonotonicClock.now()
        let comparison: ABIManifest.Comparison
        let sections: [SectionSize]
        do {
            let inspector = try ELFInspector(path: path, reading: [HotSplit.manifestSection])
            sections = inspector.sections.filter(\.isAllocated).map { SectionSize(name: $0.name, bytes: $0.size) }
            guard let manifest = inspector.manifest else {
                directory.removeFile(name)
                return .failure(.unreadable("\(path) carries no ABI manifest"))
            }
            comparison = (running ?? hostManifest).compare(with: manifest)
        } catch {
            directory.removeFile(name)
            return .failure(.unreadable("\(error)"))
        }
        timings.elfCheck = MonotonicClock.now() - checkStart
        guard comparison.refusals.isEmpty else {
            directory.removeFile(name)
            return .failure(.refused(comparison.refusals))
        }

        do {
            try directory.verify()
        } catch let failure as PrivateDirectory.Failure {
            return .failure(.directory(failure))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
        let openStart = MonotonicClock.now()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let message = dlerror().map { String(cString: $0) } ?? "unknown error"
            directory.removeFile(name)
            if let function = Self.missingHostFunction(in: message) {
                return .failure(.refused(["function `\(function)` is new and the new code refers to its host stub, which the running host "
                    + "lacks; restart to add it"]))
            }
            return .failure(.dlopen(message))
        }
        timings.dlopen = MonotonicClock.now() - openStart

        var entryPoints: [String: UnsafeMutableRawPointer] = [:]
        for function in build.hotFunctions {
            let lookupStart = MonotonicClock.now()
            let address = dlsym(handle, function.hotSymbol)
            timings.dlsym.append((function.name, MonotonicClock.now() - lookupStart))
            guard let address else {
                dlclose(handle)
                directory.removeFile(name)
                return .failure(.missingSymbol(function.hotSymbol))
            }
            entryPoints[function.name] = address
        }
        // Trampolines are looked up after the timed lookups: they are not on the reload path.
        var trampolines: [String: UnsafeMutableRawPointer] = [:]
        var sites: [String: UnsafeMutableRawPointer] = [:]
        for function in build.hotFunctions {
            trampolines[function.name] = dlsym(handle, function.traceSymbol)
            sites[function.name] = dlsym(handle, function.traceSiteSymbol)
        }
        let version = LoadedVersion(number: number, path: path, handle: handle, entryPoints: entryPoints,
                                    traceEntryPoints: trampolines, traceSites: sites, traceHooks: dlsym(handle, HotSplit.traceHooksSymbol),
                                    addressRange: MappedObject.addressRange(ofLoaded: path) ?? 0..<0,
                                    bodyHashes: build.bodyHashes, timings: timings, fileBytes: Self.fileSize(path), sections: sections)
        return .success((version, comparison.warnings))
    }

    /// The Vais function a failed `dlopen` names as an undefined symbol:
    /// the part refers to a host stub the running host does not have.
    static func missingHostFunction(in message: String) -> String? {
        guard let range = message.range(of: "undefined symbol: vais.") else { return nil }
        let name = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != ")" }
        return name.isEmpty || name.hasPrefix("global.") ? nil : String(name)
    }

    private static func fileSize(_ path: String) -> UInt64 {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_size) : 0
    }

    /// Closes a version and removes its file. Returns whether it is gone
    /// from memory (a library can stay mapped if something still holds it).
    @discardableResult
    public func unload(_ version: LoadedVersion) -> Bool {
        dlclose(version.handle)
        directory.removeFile((version.path as NSString).lastPathComponent)
        return MappedObject.addressRange(ofLoaded: version.path) == nil
    }
}

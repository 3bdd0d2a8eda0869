import Documents
import Foundation
@testable import HotReload
import SystemProbes
import Testing
import TestSupport
import VaisCompiler

/// The reloader inside the test process: versions, slots, refusals and
/// unloading, checked through the program's own functions.
@Suite("Reloader", .serialized)
struct ReloaderTests {
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [ReloadEvent] = []
        func append(_ event: ReloadEvent) { lock.lock(); list.append(event); lock.unlock() }
        var all: [ReloadEvent] { lock.lock(); defer { lock.unlock() }; return list }
    }

    struct Fixture {
        let scratch: ScratchDirectory
        var folder: String { scratch.url.path }
        let source: String
        let reloader: Reloader
        let events: Events

        init(_ text: String, retained: Int = 3) throws {
            scratch = try ScratchDirectory("reloader")
            source = scratch.path("prog.vais")
            try text.write(toFile: source, atomically: false, encoding: .utf8)
            let events = Events()
            self.events = events
            reloader = try Reloader.launch(recipe: BuildRecipe(source: source, compileOptions: CompileOptions()),
                                           configuration: .init(buildRoot: scratch.path("build"), retainedVersions: retained),
                                           observer: { events.append($0) })
        }

        func edit(_ text: String) throws {
            try text.write(toFile: source, atomically: false, encoding: .utf8)
        }

        /// Calls the host's stub of a hot function, which goes through its slot.
        func call(_ name: String, _ argument: Int64) -> Int64 {
            let stub = dlsym(reloader.host.handle, "vais." + name)!
            return unsafeBitCast(stub, to: (@convention(c) (Int64) -> Int64).self)(argument)
        }

        /// The mapped files of this fixture's own build directory: other
        /// tests running alongside load a libprog.v2.so of their own.
        func mappedLibraries() -> Set<String> {
            Set(ProcFile.mappedPaths().filter { $0.hasPrefix(reloader.directory.path + "/") })
        }

        func isMapped(version: Int) -> Bool {
            mappedLibraries().contains(reloader.directory.file("libprog.v\(version).so"))
        }

        func finish() {
            reloader.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    static func program(_ body: String, state: String = "S State { a: i64 }") -> String {
        "\(state)\nG calls: i64 = 0\n#[hot]\nF step(x: i64) -> i64 {\n    calls += 1\n    \(body)\n}\nF main() -> i64 = step(1)\n"
    }

    @Test("each reload swaps every slot, and globals keep their values")
    func swaps() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        #expect(fixture.call("step", 10) == 11)
        try fixture.edit(Self.program("x * 100 + calls"))
        #expect(fixture.reloader.reloadNow() == 1)
        #expect(fixture.reloader.currentVersion == 2)
        #expect(fixture.call("step", 10) == 1002)
        #expect(fixture.reloader.check() == 0)
    }

    @Test("an edit the host cannot take is refused before dlopen and maps nothing")
    func refusedBeforeLoad() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        try fixture.edit(Self.program("x + 2", state: "S State { a: i64, b: i64 }"))
        #expect(fixture.reloader.reloadNow() == -1)
        #expect(fixture.reloader.currentVersion == 1)
        #expect(fixture.call("step", 1) == 2)
        #expect(!fixture.isMapped(version: 2))
        #expect(fixture.events.all.contains { event in
            if case .refused(let reasons) = event { return reasons == ["struct `State` changed its layout: `b` was added (b: i64 @8)"] }
            return false
        })
    }

    @Test("a compile error keeps the running version")
    func compileError() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        try fixture.edit(Self.program("x + "))
        #expect(fixture.reloader.reloadNow() == -1)
        #expect(fixture.call("step", 1) == 2)
        #expect(fixture.events.all.contains { if case .buildFailed(let text) = $0 { return text.contains("P011") } else { return false } })
    }

    @Test("200 reloads leave no growth in descriptors, mapped versions or files", .timeLimit(.minutes(10)))
    func soak() throws {
        let fixture = try Fixture(Self.program("x + 0"), retained: 3)
        defer { fixture.finish() }
        func descriptorTargets() -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
        }
        /// Descriptors only this reloader could hold: files of its folder. (Its one inotify
        /// instance is made with the reloader; other suites running meanwhile make their own.)
        func reloaderDescriptors() -> Int { descriptorTargets().filter { $0.contains(fixture.folder) }.count }
        func mappedVersions() -> Int { fixture.mappedLibraries().filter { $0.contains("/libprog.v") }.count }
        // A few reloads first, so lazily opened files (the clang path, caches) are counted in the baseline.
        for round in 1...5 {
            try fixture.edit(Self.program("x + \(round)"))
            #expect(fixture.reloader.reloadNow() == 1)
        }
        let ownDescriptors = reloaderDescriptors()
        let allDescriptors = descriptorTargets().count
        for round in 6...205 {
            try fixture.edit(Self.program("x + \(round)"))
            #expect(fixture.reloader.reloadNow() == 1)
            #expect(fixture.call("step", 0) == Int64(round))
        }
        #expect(fixture.reloader.currentVersion == 206)
        #expect(reloaderDescriptors() == ownDescriptors)
        // Other suites open and close files (clang's pipes among them)
        // meanwhile; a leak of anything per reload would show as 200 more.
        #expect(descriptorTargets().count < allDescriptors + 50)
        #expect(mappedVersions() == 3)
        #expect(fixture.reloader.loadedVersions.retained == [204, 205, 206])
        #expect(fixture.reloader.loadedVersions.retired.isEmpty)
        let files = fixture.reloader.directory.contents().sorted()
        #expect(files == ["libprog.host.so", "libprog.v204.so", "libprog.v205.so", "libprog.v206.so"])
    }

    @Test("the private directory is readable by its owner only, and removed at shutdown")
    func privateDirectory() throws {
        let fixture = try Fixture(Self.program("x"))
        let path = fixture.reloader.directory.path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        fixture.finish()
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

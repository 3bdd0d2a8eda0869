import Documents
import Foundation
import HotReload
import Testing
import TestSupport
import VaisCompiler
@testable import VaisHotApp

/// A whole profiling session inside the test process.
@Suite("Profile session", .serialized)
struct ProfileSessionTests {
    static let program = """
    G frames: i64 = 0
    #[hot]
    F speed(x: i64) -> i64 = x * 3
    #[hot]
    F drift(x: i64) -> i64 {
        frames += 1
        x + 7
    }
    F main() -> i64 {
        total := mut 0
        L i: 0..200 {
            total += speed(i) + drift(i)
        }
        0
    }
    """

    /// A session of `reloads` edits in a scratch folder, which lives as long as the caller keeps it. Each
    /// session of one test process names its functions and global with its own `suffix`: host parts are
    /// loaded into the process's global scope, where a second host's hot code would bind to the first's symbols.
    static func session(reloads: Int, retained: Int = 3, suffix: String = "") throws -> (ProfileSession, ProfileDocument, ScratchDirectory) {
        let scratch = try ScratchDirectory("profile")
        let folder = scratch.url.path
        let source = folder + "/game.vais"
        let text = ["speed", "drift", "frames"].reduce(program) { $0.replacingOccurrences(of: $1, with: $1 + suffix) }
        try text.write(toFile: source, atomically: false, encoding: .utf8)
        let configuration = Reloader.Configuration(buildRoot: folder + "/build", retainedVersions: retained, debounceMilliseconds: 10)
        let settings = ProfileSession.Settings(recipe: BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: true)), reloads: reloads, frames: 10, editScript: nil, interactive: false,
                                               duration: nil, outputFolder: folder + "/out", reloader: configuration)
        let session = ProfileSession(settings: settings) { _ in }
        let document = try session.run()
        session.finish()
        return (session, document, scratch)
    }

    @Test("every reload is measured, and its phases add up to its total within 5%", .timeLimit(.minutes(10)))
    func phasesAddUp() throws {
        let (session, document, scratch) = try Self.session(reloads: 6)
        defer { withExtendedLifetime(scratch) {} }
        _ = session
        #expect(document.reloads.map(\.version) == [2, 3, 4, 5, 6, 7])
        // The default edits touch each hot function in turn.
        #expect(document.reloads.map(\.changed) == [["speed"], ["drift"], ["speed"], ["drift"], ["speed"], ["drift"]])
        let phases: [Phase] = [.detect, .parse, .check, .emit, .codegen, .link, .copy, .elfCheck, .dlopen, .dlsym, .waitForCheck, .swap]
        var unmeasured: [Double] = []
        for reload in document.reloads {
            let sum = phases.reduce(0) { $0 + reload.duration($1) }
            // Phases never overlap: their sum cannot pass the total.
            #expect(Double(sum) <= 1.05 * Double(reload.total), "v\(reload.version): phases \(sum) ns, total \(reload.total) ns")
            unmeasured.append((Double(reload.total) - Double(sum)) / Double(reload.total))
            #expect(reload.duration(.codegen) > 0 && reload.duration(.link) > 0)
            // A partial reload loads, and looks up, the edited function alone.
            #expect(reload.lookups.map(\.name) == reload.changed)
            #expect(reload.phases[.firstCall] != nil, "v\(reload.version) never served a call")
        }
        // A stage left unmeasured shows in every reload; a loaded machine
        // preempting the builder between two phases (a partial build takes
        // a few milliseconds, so one preemption is a large share) shows in
        // some: the reload with the least unmeasured time is the one to judge.
        let least = unmeasured.min() ?? 1
        #expect(least <= 0.05, "unmeasured share of each reload: \(unmeasured)")
        #expect(document.schemaVersion == ProfileDocument.currentSchemaVersion)
        #expect(document.machine.cores > 0)
    }

    @Test("an unloaded version drops out of the mapped total", .timeLimit(.minutes(10)))
    func unloadedVersionsDropOut() throws {
        let (_, document, scratch) = try Self.session(reloads: 4, retained: 2, suffix: "_unloading")
        defer { withExtendedLifetime(scratch) {} }
        let unloaded = document.versions.filter { $0.state == .unloaded }
        #expect(!unloaded.isEmpty)
        for version in unloaded {
            let unloadedAt = try #require(version.unloadedAt)
            let mappedBefore = document.memory.contains { $0.version == version.number && $0.mapped > 0 && $0.at < unloadedAt }
            let mappedAfter = document.memory.contains { $0.version == version.number && $0.at > unloadedAt }
            #expect(mappedBefore, "v\(version.number) was never seen mapped")
            #expect(!mappedAfter, "v\(version.number) still counted after it was unloaded")
        }
        #expect(document.versions.filter { $0.state == .current || $0.state == .retained }.count == 2)
    }
}

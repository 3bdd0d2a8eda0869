import Foundation
import Testing
import TestSupport
@testable import HotReload

/// A toolchain failure during a run, in the reloader's suite (one test at
/// a time: hosts loaded at the same time would bind each other's hot parts).
extension ReloaderTests {
    @Test("a reload whose clang hangs fails naming the time limit, and the program keeps its version", .timeLimit(.minutes(10)))
    func reloadWithHangingClang() throws {
        let scratch = try ScratchDirectory("fake-reload")
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        let builder = try #require(fixture.reloader.builder)
        let hanging = Toolchain(clang: try ToolchainFaultTests.fakeClang("exec sleep 1000", in: scratch), compileTimeout: 1)
        fixture.reloader.builder = HotPartBuilder(recipe: builder.recipe, toolchain: hanging, backend: ClangProcessBackend(toolchain: hanging))
        try fixture.edit(Self.program("x + 2"))
        #expect(fixture.reloader.reloadNow() == -1)
        #expect(fixture.call("step", 1) == 2)
        #expect(fixture.events.all.contains { event in
            if case .buildFailed(let text) = event { return text.contains("compile timed out") && text.contains("within 1 s") }
            return false
        })
    }
}

import Foundation
import Testing
@testable import HotReload

extension ReloaderTests {
    @Test("a save with a 50,000-term sum in a hot function is refused with P017, and the program keeps its version")
    func longExpressionEdit() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        try fixture.edit(Self.program(Array(repeating: "x", count: 50_000).joined(separator: " + ")))
        #expect(fixture.reloader.reloadNow() == -1)
        #expect(fixture.call("step", 1) == 2)
        #expect(fixture.events.all.contains { event in
            if case .buildFailed(let text) = event { return text.contains("error[P017]") }
            return false
        })
    }
}

import Foundation
import Testing
@testable import HotReload

extension ReloaderTests {
    @Test("a bad edit seen twice (saved again unchanged) reports its errors once; the same edit after a good one reports them again")
    func badEditReportedOnce() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        func failures() -> Int {
            fixture.events.all.filter { if case .buildFailed = $0 { return true } else { return false } }.count
        }
        try fixture.edit(Self.program("x + "))
        #expect(!fixture.reloader.rebuild(detectedAt: 0, force: false))
        try fixture.edit(Self.program("x + "))
        #expect(!fixture.reloader.rebuild(detectedAt: 0, force: false))
        #expect(failures() == 1)
        try fixture.edit(Self.program("x + 2"))
        #expect(fixture.reloader.rebuild(detectedAt: 0, force: false))
        try fixture.edit(Self.program("x + "))
        #expect(!fixture.reloader.rebuild(detectedAt: 0, force: false))
        #expect(failures() == 2)
    }
}

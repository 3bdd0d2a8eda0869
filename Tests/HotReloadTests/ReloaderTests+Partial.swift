import Foundation
import SystemProbes
import Testing
@testable import HotReload
import VaisCompiler

/// Partial reloads: a save rebuilds only the hot functions whose code
/// changed, and every slot stays on the version holding its newest code.
extension ReloaderTests {
    /// Six hot functions, one per line, so that editing one body moves no
    /// other function to another line. `f2` calls `f1` through its slot.
    static func sixFunctions(_ addends: [Int] = [1, 2, 3, 4, 5, 6], f2: String = "f1(x) * 2") -> String {
        var lines = ["S State { a: i64 }"]
        for (index, addend) in addends.enumerated() {
            let body = index == 1 ? f2 : "x + \(addend)"
            lines.append("#[hot] F f\(index + 1)(x: i64) -> i64 = \(body)")
        }
        return (lines + ["F main() -> i64 = f1(1)", ""]).joined(separator: "\n")
    }

    /// The version whose code `function`'s slot points at.
    func slotVersion(_ fixture: Fixture, _ function: String) -> Int? {
        guard let slot = dlsym(fixture.reloader.host.handle, HotSplit.slotSymbol(named: function)) else { return nil }
        let target = UInt(bitPattern: slot.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee)
        return fixture.reloader.allLoadedVersions.first { $0.contains(target) }?.number
    }

    /// Saves `text` and swaps in what it builds, as a save seen by the
    /// watcher would, in a program that calls `hot_check`.
    func save(_ fixture: Fixture, _ text: String) throws {
        _ = fixture.reloader.check()
        try fixture.edit(text)
        #expect(fixture.reloader.rebuild(detectedAt: MonotonicClock.now(), force: false))
        #expect(fixture.reloader.check() == 1)
    }

    func lastSwap(_ fixture: Fixture) -> ReloadRecord? {
        fixture.events.all.reversed().lazy.compactMap { if case .swapped(let record) = $0 { return record } else { return nil } }.first
    }

    @Test("an edit of one of six hot functions rebuilds and loads that one alone")
    func oneOfSix() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions([1, 2, 300, 4, 5, 6]))
        let record = try #require(lastSwap(fixture))
        #expect(record.rebuiltFunctions == ["f3"])
        #expect(record.hotFunctionCount == 6)
        #expect(ReloadEvent.swapped(record).logLine?.contains("rebuilt f3 (1 of 6)") == true)
        #expect(fixture.reloader.allLoadedVersions.last?.entryPoints.keys.sorted() == ["f3"])
        #expect(fixture.call("f3", 10) == 310)
        #expect(fixture.call("f4", 10) == 14)
        #expect(fixture.call("f2", 10) == 22)
        #expect((1...6).map { slotVersion(fixture, "f\($0)") } == [1, 1, 2, 1, 1, 1])
    }

    @Test("a chain of edits to different functions leaves each slot on its newest version, and unmaps only what nothing uses")
    func chainOfEdits() throws {
        let fixture = try Fixture(Self.sixFunctions(), retained: 1)
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions([10, 2, 3, 4, 5, 6]))
        try save(fixture, Self.sixFunctions([10, 2, 3, 4, 5, 6], f2: "f1(x) * 3"))
        try save(fixture, Self.sixFunctions([100, 2, 3, 4, 5, 6], f2: "f1(x) * 3"))
        #expect((1...6).map { slotVersion(fixture, "f\($0)") } == [4, 3, 1, 1, 1, 1])
        // f2 in v3 calls f1 through its slot: it reaches v4's code.
        #expect(fixture.call("f2", 1) == 303)
        #expect(fixture.call("f5", 1) == 6)
        #expect(fixture.reloader.loadedVersions.retained == [4])
        // v1 and v3 are out of the retained window but slots still run their code; v2's only function was replaced by v4.
        #expect(fixture.reloader.versionsUsedBySlots == [1, 3, 4])
        #expect(fixture.isMapped(version: 1))
        #expect(!fixture.isMapped(version: 2))
    }

    @Test("a rollback after a partial version returns every slot it changed to the code it ran before")
    func rollbackOfPartialVersion() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions([10, 2, 3, 4, 5, 6]))
        try save(fixture, Self.sixFunctions([10, 2, 30, 40, 5, 6], f2: "f1(x) * 5"))
        #expect((1...4).map { slotVersion(fixture, "f\($0)") } == [2, 3, 3, 3])
        let crash = CrashReport(signal: SIGSEGV, pc: 0, faultAddress: 0, version: 3, function: "f3", sourceLine: nil)
        #expect(fixture.reloader.rollBack(after: crash))
        #expect((1...6).map { slotVersion(fixture, "f\($0)") } == [2, 1, 1, 1, 1, 1])
        #expect(fixture.call("f2", 1) == 22)
        #expect(fixture.call("f3", 1) == 4)
        // The next save builds against what the slots run now: the edited functions again, and the new edit.
        try save(fixture, Self.sixFunctions([10, 2, 30, 40, 50, 6], f2: "f1(x) * 5"))
        #expect(lastSwap(fixture)?.rebuiltFunctions == ["f2", "f3", "f4", "f5"])
        #expect(fixture.call("f5", 1) == 51)
    }

    @Test("an edit outside the hot functions rebuilds them all; so does a forced reload")
    func fullRebuilds() throws {
        let fixture = try Fixture(Self.sixFunctions(), retained: 1)
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions().replacingOccurrences(of: "F main() -> i64 = f1(1)", with: "F main() -> i64 = f1(2)"))
        #expect(lastSwap(fixture)?.rebuiltFunctions == (1...6).map { "f\($0)" })
        #expect(fixture.reloader.reloadNow() == 1)
        #expect(lastSwap(fixture)?.rebuiltFunctions.count == 6)
        #expect(fixture.reloader.versionsUsedBySlots == [3])
    }
}

extension ReloaderTests {
    @Test("a version a retained version's slots use stays mapped: rollback can return to it")
    func retainedAssignmentsKeepCode() throws {
        let fixture = try Fixture(Self.sixFunctions(), retained: 2)
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions([10, 2, 3, 4, 5, 6]))
        try save(fixture, Self.sixFunctions([10, 2, 3, 4, 5, 60]))
        try save(fixture, Self.sixFunctions([100, 2, 3, 4, 5, 60]))
        // v3 (retained) runs f1 from v2: rolling back to v3 needs v2's code.
        #expect(fixture.reloader.loadedVersions.retained == [3, 4])
        #expect(fixture.reloader.versionsUsedBySlots == [1, 2, 3, 4])
        let crash = CrashReport(signal: SIGSEGV, pc: 0, faultAddress: 0, version: 4, function: "f1", sourceLine: nil)
        #expect(fixture.reloader.rollBack(after: crash))
        #expect(fixture.call("f1", 1) == 11)
        #expect(fixture.call("f6", 1) == 61)
    }
}

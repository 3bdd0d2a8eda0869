import Foundation
import SystemProbes
import Testing
@testable import HotReload
import VaisCompiler

/// Functions added or removed while the program runs: a new function that
/// only hot code calls lives in the hot part, one used as a value also
/// takes a spare slot; a hot function nothing calls any more can go.
extension ReloaderTests {
    /// `sixFunctions` with `lines` before `main` and `f3`'s body replaced.
    static func sixFunctions(adding lines: [String], f3: String, dropping dropped: String? = nil) -> String {
        var text = sixFunctions().replacingOccurrences(of: "f3(x: i64) -> i64 = x + 3", with: "f3(x: i64) -> i64 = \(f3)")
        if let dropped { text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(dropped) }.joined(separator: "\n") }
        return text.replacingOccurrences(of: "F main()", with: (lines + ["F main()"]).joined(separator: "\n"))
    }

    @Test("a new helper function called from a hot function is accepted live, and later partial versions keep calling it")
    func newHelper() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 7"], f3: "helper(x) + 1"))
        #expect(fixture.call("f3", 2) == 15)
        #expect(!fixture.events.all.contains { if case .refused = $0 { return true } else { return false } })
        #expect(!fixture.events.all.contains { if case .warning = $0 { return true } else { return false } })
        // An edit of another function rebuilds that one; f3 in v2 goes on calling v2's helper.
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 7"], f3: "helper(x) + 1")
            .replacingOccurrences(of: "x + 4", with: "x + 40"))
        #expect(lastSwap(fixture)?.rebuiltFunctions == ["f4"])
        #expect(fixture.call("f3", 2) == 15)
        #expect(fixture.call("f4", 2) == 42)
        // An edit of the helper reaches its callers: all hot code is rebuilt against it.
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 9"], f3: "helper(x) + 1")
            .replacingOccurrences(of: "x + 4", with: "x + 40"))
        #expect(fixture.call("f3", 2) == 19)
    }

    @Test("a new hot function called from another is accepted; so is removing a hot function nothing calls")
    func newAndRemovedHotFunctions() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions(adding: ["#[hot] F triple(x: i64) -> i64 = x * 3"], f3: "triple(x)"))
        #expect(fixture.call("f3", 5) == 15)
        #expect(lastSwap(fixture)?.hotFunctionCount == 6)
        try save(fixture, Self.sixFunctions(adding: ["#[hot] F triple(x: i64) -> i64 = x * 3"], f3: "triple(x)", dropping: "F f6("))
        #expect(fixture.call("f3", 5) == 15)
        #expect(fixture.call("f5", 1) == 6)
        #expect(fixture.events.all.contains { event in
            if case .warning(let text) = event { return text.contains("hot function `f6` was removed") }
            return false
        })
    }

    @Test("a new function used as a value takes a spare slot: its value is the spare's host stub, which reaches the newest version")
    func newFunctionAsValue() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        let asValue = "{ h := helper\n    I x < 0 { (h as *i8) as i64 } E { h(x) } }"
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 7"], f3: asValue))
        #expect(fixture.call("f3", 2) == 14)
        // The value is the host's spare stub, not an address in a hot part.
        let stub = try #require(dlsym(fixture.reloader.host.handle, HotSplit.spareStubSymbol(0)))
        #expect(fixture.call("f3", -1) == Int64(Int(bitPattern: stub)))
        #expect(fixture.events.all.contains { event in
            if case .spareSlotTaken(let function, let slot, let free) = event { return function == "helper" && slot == 0 && free == 63 }
            return false
        })
        // Later versions keep helper in its spare, which follows the newest copy.
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 9"], f3: asValue))
        #expect(fixture.call("f3", 2) == 18)
        #expect(fixture.call("f3", -1) == Int64(Int(bitPattern: stub)))
        #expect(!fixture.events.all.contains { if case .refused = $0 { return true } else { return false } })
    }

    @Test("a spare's function keeps its signature: a change is refused, naming it")
    func spareSignatureChange() throws {
        let fixture = try Fixture(Self.sixFunctions())
        defer { fixture.finish() }
        try save(fixture, Self.sixFunctions(adding: ["F helper(x: i64) -> i64 = x * 7"], f3: "{ h := helper\n    h(x) }"))
        _ = fixture.reloader.check()
        try fixture.edit(Self.sixFunctions(adding: ["F helper(x: i64, y: i64) -> i64 = x * y"], f3: "{ h := helper\n    h(x, 7) }"))
        #expect(!fixture.reloader.rebuild(detectedAt: MonotonicClock.now(), force: false))
        #expect(fixture.call("f3", 2) == 14)
        #expect(fixture.events.all.contains { event in
            if case .refused(let reasons) = event {
                return reasons == ["`helper` changed its signature from (i64) -> i64 to (i64, i64) -> i64: function values of it made earlier "
                    + "would be called the old way; restart to apply it"]
            }
            return false
        })
    }
}

import Testing
@testable import HotReload

/// What the slots run after each version (`SlotAssignment`), with spare
/// slots taken by later versions.
@Suite("Slot assignment")
struct SlotAssignmentTests {
    /// A version that is never mapped: only its identity and entry point names matter here.
    private func version(_ number: Int, holding names: [String]) -> LoadedVersion {
        let address = UnsafeMutableRawPointer(bitPattern: 0x1000 * number)!
        return LoadedVersion(number: number, path: "libtest.v\(number).so", handle: address,
                             entryPoints: Dictionary(uniqueKeysWithValues: names.map { ($0, address) }),
                             traceEntryPoints: [:], traceSites: [:], traceHooks: nil, addressRange: 0..<0, bodyHashes: [:],
                             timings: VersionLoader.Timings(), fileBytes: 0, sections: [])
    }

    @Test("a later version moves only the slots it holds, spares it took among them")
    func overlay() {
        let first = version(1, holding: ["make", "step"])
        let second = version(2, holding: ["make", "make.closure1"])
        let before = SlotAssignment(whole: first, digests: ["make": "a", "step": "b"])
        let after = before.overlaid(with: second, digests: ["make": "c", "step": "b", "make.closure1": "c"])
        #expect(after.code["step"] === first && after.code["make"] === second && after.code["make.closure1"] === second)
        #expect(after.digests == ["make": "c", "step": "b", "make.closure1": "c"])
        #expect(after.uses(first) && after.uses(second))
    }

    @Test("going back to a version from before a spare was taken keeps the spare on the code it runs, and that version in use")
    func rollbackKeepsSpares() {
        let first = version(1, holding: ["make", "step"])
        let second = version(2, holding: ["make", "make.closure1"])
        let before = SlotAssignment(whole: first, digests: ["make": "a", "step": "b"])
        let after = before.overlaid(with: second, digests: ["make": "c", "step": "b", "make.closure1": "c"])
        let restored = before.keepingSlots(from: after)
        #expect(restored.code["make"] === first && restored.code["step"] === first)
        #expect(restored.code["make.closure1"] === second)
        #expect(restored.digests["make.closure1"] == "c" && restored.digests["make"] == "a")
        #expect(restored.uses(second))
    }
}

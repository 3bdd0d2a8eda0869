import Testing
@testable import HotReload

/// Several programs hosted in one process, as the tests do: each hot part
/// is linked against its own host, which is loaded with its symbols local,
/// so the same names in two hosts (every host has `vais.spare.0`) never
/// bind one program's code to the other's globals, slots or spares.
extension ReloaderTests {
    @Test("two hosts of the same program in one process each bind their hot parts to their own globals, slots and spares")
    func hostsKeepApart() throws {
        let first = try Fixture(Self.program("x + 1"))
        defer { first.finish() }
        let second = try Fixture(Self.program("x + 1"))
        defer { second.finish() }
        #expect(first.call("step", 10) == 11)

        try first.edit(Self.program("x * 100 + calls"))
        #expect(first.reloader.reloadNow() == 1)
        try second.edit(Self.program("x * 1000 + calls"))
        #expect(second.reloader.reloadNow() == 1)
        // Each counts its own calls: the first's global had one already.
        #expect(first.call("step", 1) == 102)
        #expect(second.call("step", 1) == 1001)

        // Both take spare 0 for a new function used as a value.
        func helper(times factor: Int) -> String {
            Self.program("h := helper\n    h(x)", state: "S State { a: i64 }\nF helper(x: i64) -> i64 = x * \(factor)")
        }
        try first.edit(helper(times: 7))
        #expect(first.reloader.reloadNow() == 1)
        try second.edit(helper(times: 9))
        #expect(second.reloader.reloadNow() == 1)
        #expect(first.call("step", 2) == 14)
        #expect(second.call("step", 2) == 18)
    }
}

import Testing
@testable import VaisCompiler

@Suite("Revertible arrays")
struct RevertibleArrayTests {
    @Test("a revert takes back writes and appends since its mark, and nothing before it")
    func revert() {
        var table = RevertibleArray(repeating: 0, count: 4)
        table[0] = 1
        let mark = table.mark()
        table[1] = 10
        table[1] = 11
        table.append(5)
        table[4] = 50
        table.revert(to: mark)
        #expect(Array(table) == [1, 0, 0, 0])
        // Closed, the mark logs nothing more: later writes stay.
        table[2] = 7
        #expect(Array(table) == [1, 0, 7, 0])
    }

    @Test("nested trials revert in turn, each to what it saw")
    func nested() {
        var table = RevertibleArray(repeating: 0, count: 3)
        let outer = table.mark()
        table[0] = 1
        table.append(3)
        let inner = table.mark()
        table[0] = 2
        table[3] = 4
        table.append(5)
        table.revert(to: inner)
        #expect(Array(table) == [1, 0, 0, 3])
        table[1] = 6
        table.revert(to: outer)
        #expect(Array(table) == [0, 0, 0])
    }

    @Test("a copy made before a trial keeps its values")
    func copies() {
        var table = RevertibleArray(repeating: 0, count: 2, capacity: 8)
        let before = table
        let mark = table.mark()
        table[0] = 9
        table.append(1)
        #expect(Array(before) == [0, 0])
        table.revert(to: mark)
        #expect(Array(table) == [0, 0])
    }
}

import Testing
@testable import VaisCompiler

@Suite("The IR buffer")
struct IRBufferTests {
    /// Pieces of every length around the small-string limit (15 bytes),
    /// ASCII and not, literal and built at run time.
    static let pieces: [String] = (0...20).flatMap { length in
        [String(repeating: "a", count: length), "%t\(length)", String(repeating: "é", count: length / 2)]
    } + ["", "%t12", ", ", " = getelementptr inbounds ", "i64"]

    @Test("small strings are read in place as the standard library lays them out")
    func smallStringLayout() {
        for piece in Self.pieces {
            let count = SmallStringLayout.smallCount(SmallStringLayout.words(of: piece))
            if let count { #expect(count == piece.utf8.count, "\(piece)") }
            #expect(count != nil || piece.utf8.count > 15, "\(piece)")
        }
    }

    @Test("every piece is written byte for byte, in order")
    func piecesInOrder() {
        let buffer = IRBuffer(capacity: 8)
        let arena = IRArena()
        var expected = ""
        for piece in Self.pieces {
            let copied = arena.copy(piece)
            buffer.append(copied, ", ", copied)
            buffer.append(piece)
            expected += piece + ", " + piece + piece
        }
        #expect(buffer.text == expected)
        #expect(buffer.count == expected.utf8.count)
    }

    @Test("the arena's pieces keep their bytes until it is emptied")
    func arenaPieces() {
        let arena = IRArena()
        var made: [(IRPiece, String)] = []
        // Enough to fill several of the arena's blocks, and one piece larger than a block.
        for index in 0..<5_000 {
            let text = Self.pieces[index % Self.pieces.count]
            made.append((arena.copy(text, prefix: "@", suffix: ")"), "@" + text + ")"))
            made.append((arena.name("if.then.", index), "if.then.\(index)"))
        }
        let large = String(repeating: "x", count: 40_000)
        made.append((arena.copy(large), large))
        made.append((arena.decimal(Int64(-12)), "-12"))
        made.append((arena.decimal(4_096), "4096"))
        made.append((arena.temporary(9_000), "%t9000"))
        made.append((arena.float(0.5, bits: 64), IRText.float(0.5, bits: 64)))
        #expect(IRText.float(0.5, bits: 64) == "0x3FE0000000000000")
        for (piece, text) in made { #expect(piece.text == text) }
        #expect(arena.copy("abc") == "abc")
        #expect(arena.copy("abd") != "abc")
    }
}

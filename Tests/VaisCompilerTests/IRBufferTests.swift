import Testing
@testable import VaisCompiler

@Suite("The IR buffer")
struct IRBufferTests {
    /// Pieces of every length around the small-string limit (15 bytes),
    /// ASCII and not, literal and built at run time.
    static let pieces: [String] = (0...20).flatMap { length in
        [String(repeating: "a", count: length), IRText.name("%t", length), String(repeating: "é", count: length / 2)]
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
        var expected = ""
        for piece in Self.pieces {
            buffer.append(piece, ", ", piece)
            expected += piece + ", " + piece
        }
        #expect(buffer.text == expected)
        #expect(buffer.count == expected.utf8.count)
    }
}

import Testing
import VaisCompiler

@Suite("Source digest")
struct SourceDigestTests {
    @Test("FNV-1a as published: the empty input and \"a\"")
    func knownValues() {
        #expect(SourceDigest.fnv1a([UInt8]()) == "cbf29ce484222325")
        #expect(SourceDigest.fnv1a(Array("a".utf8)) == "af63dc4c8601ec8c")
    }

    @Test("bytes given in pieces, contiguous or not, hash as their concatenation")
    func pieces() {
        let text = Array("F step(x: i64) -> i64 = x * 3 + 1\n".utf8)
        var hasher = SourceDigest.Hasher()
        hasher.combine(text[..<7])
        hasher.combine(AnySequence(text[7..<20]))
        hasher.combine(String(decoding: text[20...], as: UTF8.self).utf8)
        #expect(hasher.digest == SourceDigest.fnv1a(text))
        #expect(SourceDigest.fnv1a(AnySequence(text)) == SourceDigest.fnv1a(text))
    }
}

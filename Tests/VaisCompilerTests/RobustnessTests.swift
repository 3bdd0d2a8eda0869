import Foundation
import Testing
import TestSupport
import VaisCompiler
import VaisSyntax
import VaisWorkloads

/// Whatever the input, the compiler answers with diagnostics or a program:
/// it never crashes and never hangs.
@Suite("Robustness")
struct RobustnessTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus")

    static var corpusFiles: [String] {
        // fuzz/: inputs that once crashed the front end, found by `make fuzz` (none, while it finds none).
        ["run", "fail", "fuzz"].flatMap { folder -> [String] in
            TestMaterial.vaisFiles(in: corpus.appendingPathComponent(folder), mayBeEmpty: folder == "fuzz").map { "\(folder)/\($0)" }
        }
    }

    @Test("the corpus is where the robustness tests look for it: a moved folder must not pass with zero cases")
    func corpusIsThere() {
        #expect(Self.corpusFiles.count >= 110, "\(Self.corpusFiles.count) corpus files under \(Self.corpus.path)")
    }

    @Test("every corpus file, whole and cut at every token boundary", .timeLimit(.minutes(10)), arguments: corpusFiles)
    func truncations(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
        let tokens = Lexer.tokenize(SourceFile(id: FileID(0), path: name, bytes: bytes)).tokens
        var cuts = Set(tokens.map { Int($0.start) })
        cuts.formUnion(tokens.map { Int($0.end) })
        cuts.insert(bytes.count)
        for cut in cuts.sorted() where cut <= bytes.count {
            let result = Compiler.compile(source: Array(bytes[0..<cut]), path: "/nonexistent/cut.vais")
            // An accepted prefix must come with IR; a rejected one with an error.
            #expect(result.hasErrors == (result.ir == nil))
        }
    }

    @Test("random bytes and random token soup", .timeLimit(.minutes(10)))
    func randomInput() {
        var generator = SplitMix64(seed: 0x5EED)
        let fragments = ["F", "S", "E", "I", "L", "M", "R", "B", "C", "G", "X", "N", "U", "main", "x", "(", ")", "{", "}",
                         "[", "]", ":", ":=", "=", "->", "=>", ",", ";", "\n", "1", "2.5", "\"s\"", "+", "-", "*", "&",
                         "..", "@", "#[hot]", "as", "i64", "*i8", "mut", "self", ".", "?", "|", "_", "true",
                         // Tier 2: generics, traits, Option/Result, tuples, aliases, forms not supported yet.
                         "<", ">", ">>", "T", "!", "::", "trait", "W", "impl", "for", "type", "pub", "Some", "None",
                         "Option<i64>", "Vec", "Self", "dyn", "A", "O", "0.1"]
        for round in 0..<4_000 {
            let input: [UInt8]
            if round % 2 == 0 {
                input = (0..<Int(generator.next() % 160)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            } else {
                input = Array((0..<Int(generator.next() % 60)).map { _ in fragments[Int(generator.next() % UInt64(fragments.count))] }
                    .joined(separator: " ").utf8)
            }
            let result = Compiler.compile(source: input, path: "/nonexistent/random.vais")
            #expect(result.hasErrors == (result.ir == nil))
        }
    }
}

@Suite("Diagnostics of a file full of errors")
struct ManyErrorsTests {
    @Test("20,000 errors render as the first hundred and a count, not megabytes")
    func manyErrors() {
        let source = "F main() -> i64 {\n" + String(repeating: "    y := undefined_name\n", count: 20_000) + "    0\n}\n"
        let result = Compiler.compile(source: source, path: "many.vais")
        #expect(result.diagnostics.count >= 20_000)
        let text = result.renderedDiagnostics()
        #expect(text.utf8.count < 50_000)
        #expect(text.hasSuffix("more diagnostics (\(result.diagnostics.count - 100) errors) not shown\n"))
    }
}

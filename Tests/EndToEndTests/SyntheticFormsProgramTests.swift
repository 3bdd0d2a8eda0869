import Foundation
import Testing
import TestSupport
import VaisCompiler
import VaisWorkloads

/// The benchmark program of part 2's forms (closures, defer, Vec, HashMap,
/// String) compiles, and computes what its source says.
@Suite("Synthetic forms program")
struct SyntheticFormsProgramTests {
    @Test("it is as long as asked and compiles without a diagnostic", arguments: [1_000, 5_000])
    func compiles(lines: Int) {
        let text = SyntheticFormsProgram.source(lines: lines)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 == lines)
        let result = Compiler.compile(source: text, path: "forms.vais", options: CompileOptions(standardLibrary: Repository.standardLibrary))
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        #expect(result.ir != nil)
    }

    @Test("it prints the checksum its closures, defers and tables make")
    func runs() throws {
        let text = SyntheticFormsProgram.source(lines: 1_000)
        let scratch = try ScratchDirectory("forms")
        let path = scratch.path("forms.vais")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let run = try ProgramRunner.buildAndRun(path, in: scratch)
        #expect(run.exitCode == 0)
        #expect(run.stdout == Self.expectedOutput(of: text))
    }

    /// What `main` prints, worked out here from each unit's offset (read
    /// from `makeN`) and the order its calls and defers run in.
    static func expectedOutput(of text: String) -> String {
        var offsets: [Int: Int] = [:]
        var sampled: [Int] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("fn make"), let index = Int(line.dropFirst(7).prefix { $0.isNumber }),
               let offset = Int(line.split(separator: " ").last ?? "") {
                offsets[index] = offset
            } else if line.hasPrefix("    total += work"), let index = Int(line.dropFirst(17).prefix { $0.isNumber }) {
                sampled.append(index)
            }
        }
        var checksum = 0
        func note(_ v: Int) -> Int {
            checksum = (checksum * 31 + v % 1_000_003) % 1_000_003
            return v
        }
        var total = 0
        for index in sampled {
            let offset = offsets[index] ?? 0
            // work(x): four `add(i)`, the held closure times its scale, `apply`; then the deferred note of `k`.
            let x = index + 1, k = x + offset, m = 3
            let values = (0..<4).map { $0 + k * m } + [(x * m + offset) * 2, x + k]
            let work = note(values.reduce(0, +))
            _ = note(k)
            // table(2): eight entries, the one at 3, the length; then the deferred note of "unit".len().
            let table = 3 * 2 + offset + 8
            _ = note(4)
            total += work + table
        }
        return "synthetic forms: \(offsets.count) units, checksum \(checksum), total \(total)\n"
    }
}

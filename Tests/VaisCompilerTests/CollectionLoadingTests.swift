import Foundation
import Testing
import VaisCompiler

/// `Map<K, V>` and `List<T>` come without an import to a program that
/// names them, and cost nothing to one that does not.
@Suite("Map and List loading")
struct CollectionLoadingTests {
    static let standardLibrary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("std").path

    private func compile(_ source: String) -> CompileResult {
        Compiler.compile(source: source, path: "program.vais", options: CompileOptions(standardLibrary: Self.standardLibrary))
    }

    private func fileNames(_ result: CompileResult) -> [String] {
        result.sources.files.map { ($0.path as NSString).lastPathComponent }.sorted()
    }

    @Test("naming Map reads std/map and what it imports; naming List reads std/list")
    func namedCollectionsAreRead() {
        let map = compile("fn main() -> Int {\n    let m: Map<Int, Int> = {}\n    m.insert(1, 2)\n    return m.get(1, 0)\n}\n")
        #expect(map.diagnostics.filter(\.isError).isEmpty, "\(map.renderedDiagnostics())")
        #expect(fileNames(map) == ["hashmap.vais", "map.vais", "program.vais", "vec.vais"])
        let list = compile("fn main() -> Int {\n    let xs: List<Int> = [1, 2]\n    return xs.len()\n}\n")
        #expect(list.diagnostics.filter(\.isError).isEmpty, "\(list.renderedDiagnostics())")
        #expect(fileNames(list) == ["list.vais", "program.vais", "vec.vais"])
    }

    @Test("a program that names neither reads no other file")
    func unnamedCollectionsAreNotRead() {
        let result = compile("S List { len: i64 }\nF main() -> i64 = List { len: 0 }.len\n")
        #expect(result.diagnostics.filter(\.isError).isEmpty, "\(result.renderedDiagnostics())")
        #expect(fileNames(result) == ["program.vais"])
    }

    @Test("a program's own generic Map is the one it means")
    func ownMapReplacesTheStandardOne() {
        let result = compile("S Map<K, V> { key: K, value: V }\nF main() -> i64 {\n    m: Map<i64, i64> = Map { key: 1, value: 2 }\n    m.value\n}\n")
        #expect(result.diagnostics.filter(\.isError).isEmpty, "\(result.renderedDiagnostics())")
        #expect(fileNames(result) == ["program.vais"])
    }
}

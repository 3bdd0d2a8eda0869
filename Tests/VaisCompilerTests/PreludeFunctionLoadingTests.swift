import Testing
import VaisCompiler
import VaisSyntax

/// The newer spelling's prelude functions (`bitor`, `parse_int`, ...) are
/// read only for a file of that spelling that calls them, and only those.
@Suite("Prelude function loading")
struct PreludeFunctionLoadingTests {
    private func declaredFunctions(_ source: String) -> [String] {
        let parsed = Compiler.parse(source: Array(source.utf8), path: "program.vais")
        return parsed.tree.items.compactMap { _, item in
            if case .function(let decl) = item { return decl.name.text }
            return nil
        }.sorted()
    }

    private func readsPreludeFunctions(_ source: String) -> Bool {
        Compiler.parse(source: Array(source.utf8), path: "program.vais").sources.allFiles.contains { $0.path == "<prelude functions>" }
    }

    @Test("a newer-spelling call of bitor reads bitor alone")
    func calledFunctionIsRead() {
        #expect(declaredFunctions("fn main() -> Int {\n    let a = bitor(4, 2)\n    return a\n}\n") == ["bitor", "main"])
    }

    @Test("a program that calls none reads nothing more")
    func uncalledFunctionsAreNotRead() {
        #expect(!readsPreludeFunctions("fn main() -> Int {\n    let a = 4 | 2\n    return a\n}\n"))
    }

    @Test("a canonical file's call is not one: bitor stays undefined there")
    func canonicalCallIsNotRead() {
        #expect(!readsPreludeFunctions("F main() -> i64 = bitor(4, 2)\n"))
    }

    @Test("a program's own bitor is the one it means; the other helpers it calls still come")
    func ownFunctionWins() {
        let source = "fn bitor(a: Int, b: Int) -> Int { return a + b }\nfn main() -> Int {\n    let a = bitor(4, 2)\n    return shl(a, 1)\n}\n"
        #expect(declaredFunctions(source) == ["bitor", "main", "shl"])
    }
}

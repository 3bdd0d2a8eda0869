import Foundation
import Testing

/// docs/ARCHITECTURE.md draws the modules and their arrows; the drawing must
/// stay what Package.swift declares.
@Suite("Architecture diagram")
struct ArchitectureDiagramTests {
    static let page = Repository.root.appendingPathComponent("docs/ARCHITECTURE.md")

    /// The arrows of the page's mermaid graph, by module name: `A --> B`,
    /// where a node may be given a name with `id["name"]`.
    static func drawnArrows() throws -> Set<String> {
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(text.range(of: "```mermaid\n"), "no mermaid block in \(page.path)")
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        var names: [String: String] = [:]
        var arrows: [(String, String)] = []
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 3, words[1] == "-->" {
                arrows.append((String(words[0]), String(words[2])))
            } else if words.count == 1, let open = line.firstIndex(of: "[") {
                let id = line[..<open].trimmingCharacters(in: .whitespaces)
                names[id] = line[open...].trimmingCharacters(in: CharacterSet(charactersIn: "[]\""))
            }
        }
        return Set(arrows.map { "\(names[$0.0] ?? $0.0) --> \(names[$0.1] ?? $0.1)" })
    }

    @Test("the diagram has exactly the package's arrows between its targets (test targets left out)")
    func diagramMatchesPackage() throws {
        let targets = try PackageDependencyTests.targets().filter { $0.kind != "test" && $0.name != "TestSupport" }
        let declared = Set(targets.flatMap { target in target.dependencies.map { "\(target.name) --> \($0)" } })
        let drawn = try Self.drawnArrows()
        // A floor, so that a dump or a diagram read as nothing cannot pass.
        #expect(declared.count >= 25, "\(declared.sorted())")
        #expect(drawn.subtracting(declared).isEmpty, "drawn but not in Package.swift: \(drawn.subtracting(declared).sorted())")
        #expect(declared.subtracting(drawn).isEmpty, "in Package.swift but not drawn: \(declared.subtracting(drawn).sorted())")
    }
}

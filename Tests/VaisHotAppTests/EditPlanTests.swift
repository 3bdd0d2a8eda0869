import Foundation
@testable import VaisHotApp
import Testing
import VaisSyntax

/// The edits `vais-hot profile` makes by default, on the real game.
@Suite("Edit plan")
struct EditPlanTests {
    private let game = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/game.vais").path

    /// Each function's text in `source`, by name.
    private func functionTexts(_ source: String) -> [String: String] {
        var sources = SourceManager()
        let file = sources.add(path: "game.vais", text: source)
        var tree = SyntaxTree()
        _ = Parser.parse(sources[file], into: &tree)
        let bytes = Array(source.utf8)
        var texts: [String: String] = [:]
        for (_, item) in tree.items {
            guard case .function(let function) = item else { continue }
            texts[function.name.text] = String(decoding: bytes[Int(function.span.start)..<Int(function.span.end)], as: UTF8.self)
        }
        return texts
    }

    @Test("the default plan edits each hot function of game.vais in turn, each edit changing that function only, and ends where it began")
    func eachHotFunctionInTurn() throws {
        let original = try String(contentsOfFile: game, encoding: .utf8)
        let plan = try EditPlan.tuneConstants(in: original, path: game)
        let hot = ["player_control", "spawn_entities", "physics_step", "score_multiplier", "resolve_collisions", "render"]
        #expect(plan.steps.map(\.function) == hot + hot)
        var source = original
        var edited: [String] = []
        for index in 0..<plan.steps.count {
            let before = functionTexts(source)
            source = try plan.apply(index, to: source)
            let after = functionTexts(source)
            let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
            #expect(changed == [plan.steps[index].function ?? ""], "edit \(index + 1) changed \(changed)")
            edited += changed
        }
        #expect(edited == hot + hot)
        #expect(source == original)
    }
}

import Foundation
@testable import VaisHotApp
import Testing
import VaisSyntax

/// The edits `vais-hot profile` makes by default, on the real game.
@Suite("Edit plan")
struct EditPlanTests {
    private let game = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/game.vais").path

    /// Each function's text in `source`, by name (`Type.method` for a method).
    private func functionTexts(_ source: String) -> [String: String] {
        var sources = SourceManager()
        let file = sources.add(path: "game.vais", text: source)
        var tree = SyntaxTree()
        _ = Parser.parse(sources[file], into: &tree)
        let bytes = Array(source.utf8)
        var texts: [String: String] = [:]
        func note(_ name: String, _ function: FunctionDecl) {
            texts[name] = String(decoding: bytes[Int(function.span.start)..<Int(function.span.end)], as: UTF8.self)
        }
        for (_, item) in tree.items {
            switch item {
            case .function(let function): note(function.name.text, function)
            case .implementation(let impl): impl.methods.forEach { note(impl.typeName.text + "." + $0.name.text, $0) }
            default: continue
            }
        }
        return texts
    }

    /// Edits every step of `plan` in turn and returns what each changed.
    private func changesOfEachStep(_ plan: EditPlan, from original: String) throws -> (changed: [String], final: String) {
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
        return (edited, source)
    }

    @Test("the default plan edits each hot function of game.vais in turn, each edit changing that function only, and ends where it began")
    func eachHotFunctionInTurn() throws {
        let original = try String(contentsOfFile: game, encoding: .utf8)
        let plan = try EditPlan.tuneConstants(in: original, path: game)
        let hot = ["player_control", "spawn_entities", "physics_step", "score_multiplier", "resolve_collisions", "render"]
        #expect(plan.steps.map(\.function) == hot + hot)
        let (edited, final) = try changesOfEachStep(plan, from: original)
        #expect(edited == hot + hot)
        #expect(final == original)
    }

    @Test("hot methods of impl blocks are edited too, each within its own method where two share a line")
    func hotMethods() throws {
        let original = """
        S Counter { n: i64 }
        S Gauge { n: i64 }
        X Counter {
            #[hot] F bump(&self) -> i64 {
                self.n + 3
            }
            F plain(&self) -> i64 = self.n + 1
        }
        impl Gauge {
            #[hot]
            fn bump(&self) -> i64 {
                self.n + 3
            }
        }
        #[hot] F step(x: i64) -> i64 = x + 2
        F main() -> i64 = step(Counter { n: 1 }.bump())

        """
        let plan = try EditPlan.tuneConstants(in: original, path: "methods.vais")
        let hot = ["Counter.bump", "Gauge.bump", "step"]
        #expect(plan.steps.map(\.function) == hot + hot)
        let (edited, final) = try changesOfEachStep(plan, from: original)
        #expect(edited == hot + hot)
        #expect(final == original)
    }
}

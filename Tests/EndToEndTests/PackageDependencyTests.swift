import Foundation
import HotReload
import Testing
import TestSupport

/// Package.swift says what the code does: every target declares exactly
/// the modules its sources import, and the arrows of DESIGN.md hold.
@Suite("Package dependencies")
struct PackageDependencyTests {
    /// Modules any target may import without declaring them.
    static let implicit: Set<String> = ["Foundation", "Dispatch", "Glibc", "Testing", "XCTest", "Synchronization"]

    struct Target {
        var name: String
        var kind: String
        var folder: URL
        var dependencies: Set<String>
    }

    /// The targets as `swift package dump-package` describes them (with a
    /// scratch folder of its own, so it does not wait for the running tests'
    /// build folder).
    static func targets() throws -> [Target] {
        let scratch = try ScratchDirectory("dump-package")
        let dump = try ProcessRunner.run("/usr/bin/env", ["swift", "package", "--package-path", Repository.root.path, "--scratch-path", scratch.url.path,
                                                          "dump-package"], standardError: .discard)
        try #require(dump.succeeded, "swift package dump-package failed: \(dump.output)")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        let targets = try #require(package["targets"] as? [[String: Any]])
        return targets.compactMap { target in
            guard let name = target["name"] as? String, let kind = target["type"] as? String else { return nil }
            let dependencies = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency -> String? in
                for key in ["byName", "target", "product"] { if let entry = dependency[key] as? [Any] { return entry.first as? String } }
                return nil
            }
            let path = target["path"] as? String ?? ((kind == "test" ? "Tests/" : "Sources/") + name)
            return Target(name: name, kind: kind, folder: Repository.root.appendingPathComponent(path), dependencies: Set(dependencies))
        }
    }

    /// The modules a target's Swift files import.
    static func imports(of folder: URL) -> Set<String> {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var modules = Set<String>()
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), words[..<index].allSatisfy({ $0.hasPrefix("@") }),
                      index + 1 < words.count else { continue }
                modules.insert(String(words[index + 1]))
            }
        }
        return modules
    }

    @Test("every Swift target declares exactly what it imports: nothing undeclared, nothing unused")
    func declaredIsImported() throws {
        let targets = try Self.targets()
        let swiftTargets = targets.filter { $0.kind != "system" && !Self.imports(of: $0.folder).isEmpty }
        #expect(swiftTargets.count >= 15, "\(swiftTargets.map(\.name))")
        for target in swiftTargets {
            let imported = Self.imports(of: target.folder).subtracting(Self.implicit)
            #expect(imported.subtracting(target.dependencies).isEmpty, "\(target.name) imports \(imported.subtracting(target.dependencies).sorted()) undeclared")
            #expect(target.dependencies.subtracting(imported).isEmpty, "\(target.name) declares \(target.dependencies.subtracting(imported).sorted()) unused")
        }
    }

    /// Every target `name` depends on, directly or through others.
    static func reachable(from name: String, in targets: [String: Target]) -> Set<String> {
        var reached = Set<String>()
        var pending = [name]
        while let next = pending.popLast() {
            for dependency in targets[next]?.dependencies ?? [] where reached.insert(dependency).inserted { pending.append(dependency) }
        }
        return reached
    }

    @Test("reporting depends on the documents only: never on the compiler, the reloader, the tracer or the probes")
    func reportingDependsOnDocuments() throws {
        let targets = Dictionary(uniqueKeysWithValues: try Self.targets().map { ($0.name, $0) })
        let reached = Self.reachable(from: "Reporting", in: targets)
        #expect(reached == ["Documents"], "\(reached.sorted())")
        #expect(reached.isDisjoint(with: ["VaisSyntax", "VaisCompiler", "HotReload", "HotRuntime", "Tracing", "VaisHotApp"]), "\(reached.sorted())")
    }

    @Test("the compiler knows nothing of reloading, and the reloader nothing of reports or use cases")
    func arrowsPointDown() throws {
        let targets = Dictionary(uniqueKeysWithValues: try Self.targets().map { ($0.name, $0) })
        #expect(Self.reachable(from: "VaisCompiler", in: targets) == ["VaisSyntax"])
        let reloader = Self.reachable(from: "HotReload", in: targets)
        #expect(reloader.isDisjoint(with: ["Reporting", "Tracing", "VaisHotApp", "HotRuntime"]), "\(reloader.sorted())")
    }
}

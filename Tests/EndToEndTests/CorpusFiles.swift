import Foundation
import TestSupport

/// Paths of the repository's test material, found from this source file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Tests/Corpus")
    static let standardLibrary = root.appendingPathComponent("std").path

    /// A moved or emptied corpus folder fails the tests that run over it (`TestMaterial`).
    static func vaisFiles(in folder: String) -> [String] {
        TestMaterial.vaisFiles(in: corpus.appendingPathComponent(folder))
    }

    /// Numbers written as `# name: value` in a program's leading comments.
    static func header(_ name: String, in source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            let prefix = "# \(name): "
            return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
        }
    }

    /// The vais-hot executable built beside the test bundle.
    static var executable: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for directory in [bundle, bundle.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")] {
            let candidate = directory.appendingPathComponent("vais-hot").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/vais-hot").path
    }
}

import ArgumentParser
import Foundation
import VaisHotApp

/// What `vais-hot bench` runs under callgrind to count instructions; not
/// for people (hidden from help).
struct BenchCountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-count",
        abstract: "Run the operations whose instructions the bench counts (under callgrind).",
        shouldDisplay: false
    )

    @Option var game: String
    @Option var work: String
    @Option var manifest: String
    @OptionGroup var source: SourceOptions

    func run() throws {
        let settings = BenchRunner.Settings(suite: .quick, game: source.recipe(for: game), workFolder: work)
        try CountedOperations(settings: settings).run(manifestPath: manifest)
    }
}

/// The shape the tier-2 benchmark programs share: a header, as many
/// generated units as fit, `tune_<n>` one-line functions padding to the
/// exact line count, then a `main` that runs a sample of the units.
struct UnitProgramLayout {
    let header: [String]
    /// The lines of unit `index`, whose constants vary with `offset`.
    let unit: (_ index: Int, _ offset: Int) -> [String]
    /// What `main` adds to its total for unit `index`.
    let run: (_ index: Int) -> String
    /// How many units `main` runs at most, evenly spaced.
    let sampleLimit: Int
    /// The program's name in the line `main` prints.
    let label: String
    /// `fn` or `F`: the spelling of the padding functions and `main`.
    let functionKeyword: String

    /// A program of exactly `lines` lines, or the smallest one if `lines`
    /// is smaller.
    func source(lines: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        var units: [String] = []
        var unitCount = 0
        while true {
            let next = unit(unitCount, Int(rng.next() % 90) + 1)
            if header.count + units.count + next.count + main(unitCount + 1).count > lines { break }
            units += next
            unitCount += 1
        }
        let mainLines = main(unitCount)
        let padding = max(0, lines - header.count - units.count - mainLines.count)
        let tuning = (0..<padding).map { "\(functionKeyword) tune_\($0)(x: i64) -> i64 = x + \($0 % 7)" }
        return (header + units + tuning + mainLines).joined(separator: "\n") + "\n"
    }

    /// `main`: runs the sample of the units and prints the checksum.
    private func main(_ unitCount: Int) -> [String] {
        let count = min(unitCount, sampleLimit)
        let sampled = (0..<count).map { $0 * unitCount / max(count, 1) }
        return Self.lines("""
        \(functionKeyword) main() -> i64 {
            total := mut 0
        """) + sampled.map { "    total += \(run($0))" } + Self.lines("""
            printf("synthetic \(label): %ld units, checksum %ld, total %ld\\n", \(unitCount), checksum, total)
            0
        }
        """)
    }

    static func lines(_ block: String) -> [String] {
        block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

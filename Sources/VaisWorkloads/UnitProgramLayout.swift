/// The shape the tier-2 benchmark programs share: a header, as many
/// generated units as fit, `tune_<n>` one-line functions padding to the
/// exact line count, then a `main` that runs a sample of the units.
struct UnitProgramLayout {
    let header: [String]
    /// The lines of unit `index`, whose constants vary with `offset`.
    let unit: (_ index: Int, _ offset: Int) -> [String]
    /// `main` for a program of `unitCount` units.
    let main: (_ unitCount: Int) -> [String]
    /// `fn` or `F`: the spelling of the padding functions.
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
        let main = main(unitCount)
        let padding = max(0, lines - header.count - units.count - main.count)
        let tuning = (0..<padding).map { "\(functionKeyword) tune_\($0)(x: i64) -> i64 = x + \($0 % 7)" }
        return (header + units + tuning + main).joined(separator: "\n") + "\n"
    }

    /// The evenly spaced units, at most `limit`, that `main` runs.
    static func sample(of unitCount: Int, limit: Int) -> [Int] {
        let count = min(unitCount, limit)
        return (0..<count).map { $0 * unitCount / max(count, 1) }
    }

    static func lines(_ block: String) -> [String] {
        block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

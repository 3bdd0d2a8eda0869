import ArgumentParser

/// `-O0` to `-O3`, passed to clang: one declaration and one check for every
/// command that compiles.
struct OptimizationOption: ParsableArguments {
    @Option(name: .customShort("O", allowingJoined: true), help: "Optimization level passed to clang: -O0 (default) to -O3.")
    var level = 0

    func validate() throws {
        guard (0...3).contains(level) else { throw ValidationError("-O takes 0, 1, 2 or 3") }
    }
}

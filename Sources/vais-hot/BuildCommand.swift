import ArgumentParser
import VaisHotApp

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile a program to a native executable (or to LLVM IR with --emit-llvm)."
    )

    @Argument(help: "The program's root .vais file.")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the result (default: the file's name, without .vais, in the current folder).")
    var output: String?

    @OptionGroup var optimization: OptimizationOption

    @Flag(name: .customShort("g"), help: "Emit DWARF line tables, so debuggers map code to file.vais:line.")
    var debugInfo = false

    @Flag(name: .customLong("emit-llvm"), help: "Write the LLVM IR instead of an executable.")
    var emitLLVM = false

    @Flag(name: .customLong("hot"), help: "Write an executable and libNAME.so that reload on their own when the program calls hot_init.")
    var hot = false

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if hot, emitLLVM { throw ValidationError("--hot and --emit-llvm do not go together") }
    }

    func run() throws {
        let recipe = source.recipe(for: file, debugInfo: debugInfo, optimization: optimization.level)
        let kind: BuildProgram.Output = hot ? .hot : emitLLVM ? .ir : .executable
        try perform { try BuildProgram.run(recipe, as: kind, to: output ?? recipe.programName + (emitLLVM ? ".ll" : "")) }
    }
}

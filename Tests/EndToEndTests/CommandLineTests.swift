import Foundation
import HotReload
import Testing
import TestSupport

/// The `vais-hot` executable as a user runs it.
@Suite("vais-hot command line")
struct CommandLineTests {
    /// `source` as FILE in a scratch folder of its own.
    private func program(_ file: String, _ source: String) throws -> (scratch: ScratchDirectory, path: String) {
        let scratch = try ScratchDirectory("cli-" + (file as NSString).deletingPathExtension)
        try source.write(toFile: scratch.path(file), atomically: false, encoding: .utf8)
        return (scratch, scratch.path(file))
    }

    @Test("check reports every error with file:line:col, the line and a caret, and exits 1")
    func checkReportsErrors() throws {
        let (scratch, path) = try program("broken.vais", """
        F main() -> i64 {
            x := 1
            x = 2
            y: bool := 3
            R x
        }
        """)
        defer { withExtendedLifetime(scratch) {} }
        let outcome = try ProcessRunner.run(Repository.executable, ["check", path])
        #expect(outcome.exitStatus == 1)
        #expect(outcome.output.contains("broken.vais:3:5: error[E006]"))
        #expect(outcome.output.contains("broken.vais:4:16: error[E003]"))
        #expect(outcome.output.contains("    x = 2"))
        #expect(outcome.output.contains("|     ^"))
    }

    @Test("--lenient-mutability loads a program that assigns to a binding without `mut`, as the original's hot-reload examples do")
    func lenientMutability() throws {
        let (scratch, path) = try program("frames.vais", """
        F main() -> i64 {
            frame := 0
            L frame < 3 { frame = frame + 1 }
            printf("frames %ld\\n", frame)
            0
        }
        """)
        let strict = try ProcessRunner.run(Repository.executable, ["check", path])
        #expect(strict.exitStatus == 1 && strict.output.contains("error[E006]") && strict.output.contains("--lenient-mutability"), "\(strict.output)")
        let check = try ProcessRunner.run(Repository.executable, ["check", "--lenient-mutability", path])
        #expect(check.exitStatus == 0 && check.output.contains("frames.vais:3:19: warning[W001]"), "\(check.output)")
        let run = try ProcessRunner.run(Repository.executable, ["run", "--lenient-mutability", path, "--std", Repository.standardLibrary,
                                                                "--build-dir", scratch.path("build")])
        #expect(run.exitStatus == 0 && run.output.contains("frames 3"), "\(run.output)")
    }

    @Test("run hosts a program whose hot function alone calls one of the original's runtime functions")
    func runtimeFunctionFromHotCode() throws {
        let (scratch, path) = try program("same.vais", """
        X F __str_eq(a: str, b: str) -> i64
        #[hot]
        F same(a: str, b: str) -> i64 = __str_eq(a, b)
        F main() -> i64 {
            printf("same %ld %ld\\n", same("a", "a"), same("a", "b"))
            0
        }
        """)
        let run = try ProcessRunner.run(Repository.executable, ["run", path, "--std", Repository.standardLibrary, "--build-dir", scratch.path("build")])
        #expect(run.exitStatus == 0 && run.output.contains("same 1 0"), "\(run.output)")
    }

    @Test("check accepts a valid program")
    func checkAcceptsValid() throws {
        let outcome = try ProcessRunner.run(Repository.executable, ["check", Repository.root.appendingPathComponent("examples/game.vais").path])
        #expect(outcome.exitStatus == 0, "\(outcome.output)")
    }

    @Test("build writes an executable, --emit-llvm the IR, and -g line tables")
    func buildOutputs() throws {
        let scratch = try ScratchDirectory("cli-build")
        let source = scratch.path("answer.vais")
        try """
        F answer() -> i64 {
            R 42
        }

        F main() -> i64 = answer()
        """.write(toFile: source, atomically: false, encoding: .utf8)
        let executable = scratch.path("answer")
        let build = try ProcessRunner.run(Repository.executable, ["build", source, "-o", executable, "-O2", "-g"])
        #expect(build.exitStatus == 0, "\(build.output)")
        #expect(try ProcessRunner.run(executable, []).exitStatus == 42)

        let irPath = scratch.path("answer.ll")
        let emit = try ProcessRunner.run(Repository.executable, ["build", source, "--emit-llvm", "-o", irPath, "-g"])
        #expect(emit.exitStatus == 0)
        let ir = try String(contentsOfFile: irPath, encoding: .utf8)
        #expect(ir.contains("define i64 @vais.answer()"))
        #expect(ir.contains("!DILocation(line: 2"))

        // libdw and debuggers read the same DWARF: the symbolizer must map
        // the code of `answer` back to answer.vais line 2.
        let toolchain = try Toolchain.locate()
        let binDirectory = (toolchain.clang as NSString).deletingLastPathComponent
        let nm = try ProcessRunner.run("\(binDirectory)/llvm-nm", [executable])
        let line = try #require(nm.output.split(separator: "\n").first { $0.hasSuffix(" vais.answer") })
        let address = "0x" + String(line.split(separator: " ")[0])
        let symbolized = try ProcessRunner.run("\(binDirectory)/llvm-symbolizer", ["--obj=\(executable)", address])
        #expect(symbolized.output.contains("answer.vais:1") || symbolized.output.contains("answer.vais:2"), "\(symbolized.output)")
    }

    @Test("a build error exits 1 and writes nothing")
    func buildFailure() throws {
        let scratch = try ScratchDirectory("cli-fail")
        let source = scratch.path("bad.vais")
        try "F main() -> i64 { undefined_thing }\n".write(toFile: source, atomically: false, encoding: .utf8)
        let output = scratch.path("bad")
        let outcome = try ProcessRunner.run(Repository.executable, ["build", source, "-o", output])
        #expect(outcome.exitStatus == 1)
        #expect(outcome.output.contains("error[E001]: undefined name `undefined_thing`"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

extension CommandLineTests {
    @Test("a source file that starts with a UTF-8 byte order mark builds and runs")
    func byteOrderMark() throws {
        let scratch = try ScratchDirectory("cli-bom")
        let source = scratch.path("bom.vais")
        try Data([0xEF, 0xBB, 0xBF] + Array("F main() -> i64 {\n    puts(\"with a BOM\")\n    0\n}\n".utf8)).write(to: URL(fileURLWithPath: source))
        let check = try ProcessRunner.run(Repository.executable, ["check", source])
        #expect(check.exitStatus == 0, "\(check.output)")
        let build = try ProcessRunner.run(Repository.executable, ["build", source, "-o", scratch.path("bom")])
        #expect(build.exitStatus == 0, "\(build.output)")
        #expect(try ProcessRunner.run(scratch.path("bom"), []).output == "with a BOM\n")
    }

    @Test("make release builds libVaisHotRuntime.so, libVaisBackend.so and libVaisProgramRuntime.a too, which build --hot, in-process reloads and programs need beside vais-hot")
    func releaseBuildsRuntime() throws {
        let outcome = try ProcessRunner.run("/usr/bin/make", ["-n", "-C", Repository.root.path, "release", "SWIFT=swift"], standardError: .discard)
        let commands = outcome.output.split(separator: "\n")
        for product in ["VaisHotRuntime", "VaisBackend", "VaisProgramRuntime"] {
            #expect(commands.contains { $0.contains("build -c release") && $0.contains("--product \(product)") }, "\(outcome.output)")
        }
    }
}

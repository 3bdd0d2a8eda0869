import Foundation
@testable import HotReload
import SystemProbes
import Testing
import TestSupport
import VaisCompiler

@Suite("Toolchain")
struct ToolchainTests {
    @Test("a shared object built by clang then lld loads, runs, unwinds and names the C library it calls")
    func sharedObjectTwoSteps() throws {
        let scratch = try ScratchDirectory("toolchain")
        let folder = scratch.url.path
        let source = """
        S Pair { a: i64, b: i64 }
        F swap(p: Pair) -> Pair = Pair { a: p.b, b: p.a }
        F sum(n: i64) -> i64 {
            q := swap(Pair { a: n, b: 2 })
            q.a * 10 + q.b
        }
        F main() -> i64 = sum(7)
        """
        let result = Compiler.compile(source: source, path: folder + "/pair.vais", options: CompileOptions(debugInfo: true))
        let ir = try #require(result.ir, "\(result.renderedDiagnostics())")
        try ir.write(toFile: folder + "/pair.ll", atomically: false, encoding: .utf8)
        let library = folder + "/libpair.so"
        try Toolchain.locate().compile(ir: folder + "/pair.ll", to: library, kind: .sharedObject, debugInfo: true)
        #expect(!FileManager.default.fileExists(atPath: library + ".o"), "the object file is removed")

        let elf = try ELFInspector(path: library, reading: [".dynstr"])
        let names = Set(elf.sections.map(\.name))
        // The unwinder (trace --stacks) finds frames through .eh_frame_hdr; the symbolizer reads DWARF lines.
        #expect(names.isSuperset(of: [".eh_frame_hdr", ".eh_frame", ".debug_line", ".debug_aranges"]), "\(names.sorted())")
        #expect(String(decoding: elf.contents(of: ".dynstr") ?? [], as: UTF8.self).contains("libc.so.6"))

        let handle = try #require(dlopen(library, RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let sum = unsafeBitCast(try #require(dlsym(handle, "vais.sum")), to: (@convention(c) (Int64) -> Int64).self)
        #expect(sum(7) == 27)
    }
}

extension ToolchainTests {
    @Test("clang's and lld's 'cannot write the output' lines become one line with the path and the reason")
    func outputNotWritten() {
        let clang = "error: unable to open output file 'b/x.o': 'No space left on device'\n1 error generated.\n"
        #expect(Toolchain.Failure.outputNotWritten(clang, expected: "b/x.o")?.description == "cannot write b/x.o: No space left on device")
        let lld = "ld.lld: error: cannot open output file ro/x: Read-only file system\nclang: error: linker command failed\n"
        #expect(Toolchain.Failure.outputNotWritten(lld, expected: "ro/x")?.description == "cannot write ro/x: Read-only file system")
        let stream = "error: IO failure on output stream: No space left on device\n"
        #expect(Toolchain.Failure.outputNotWritten(stream, expected: "b/x.o")?.description == "cannot write b/x.o: No space left on device")
        #expect(Toolchain.Failure.outputNotWritten("error: invalid IR\n", expected: "b/x.o") == nil)
    }
}

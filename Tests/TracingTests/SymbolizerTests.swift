import Foundation
import HotReload
import Testing
import TestSupport
import VaisCompiler
@testable import Tracing

@Suite("Symbolizer")
struct SymbolizerTests {
    @Test("an address in a loaded library built with -g maps to its function and file.vais:line")
    func mapsToSourceLine() throws {
        let scratch = try ScratchDirectory("symbolizer")
        let folder = scratch.url.path
        let source = folder + "/lines.vais"
        try "F first(x: i64) -> i64 {\n    y := x * 3\n    y + 1\n}\n\nF second(x: i64) -> i64 = first(x) * 2\nF main() -> i64 = second(1)\n"
            .write(toFile: source, atomically: false, encoding: .utf8)
        let result = Compiler.compile(path: source, options: CompileOptions(debugInfo: true))
        let ir = try #require(result.ir)
        try ir.write(toFile: folder + "/lines.ll", atomically: false, encoding: .utf8)
        try Toolchain.locate().compile(ir: folder + "/lines.ll", to: folder + "/liblines.so", kind: .sharedObject, debugInfo: true)
        let handle = try #require(dlopen(folder + "/liblines.so", RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let second = UInt(bitPattern: dlsym(handle, "vais.second"))
        let location = try #require(Symbolizer().locate(second))
        #expect(location.function == "second")
        #expect(location.file?.hasSuffix("lines.vais") == true)
        #expect(location.line == 6)
        #expect(location.description == "second (lines.vais:6)")
    }
}

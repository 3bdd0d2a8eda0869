import Foundation
import Testing
import TestSupport
import VaisCompiler
@testable import HotReload

@Suite("Hot part builder")
struct HotPartBuilderTests {
    @Test("a reload's build lowers the hot part alone, and cannot be mistaken for a launch's")
    func hotPartAlone() throws {
        let scratch = try ScratchDirectory("builder")
        let folder = scratch.url.path
        let source = folder + "/prog.vais"
        try "#[hot]\nF step(x: i64) -> i64 = x + 1\nF main() -> i64 = step(1)\n".write(toFile: source, atomically: false, encoding: .utf8)
        let builder = HotPartBuilder(recipe: BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: true)),
                                     toolchain: try Toolchain.locate())

        let directory = try PrivateDirectory(parent: folder + "/build", name: "prog")
        defer { directory.remove() }
        let launch = try builder.build(hotPartTo: folder + "/launch.so", scratch: directory).get()
        #expect(launch.hostIR?.contains("@vais.slot.step = global ptr null") == true)
        let reload = try builder.build(hotPartTo: folder + "/reload.so", scratch: directory, withHost: false).get()
        #expect(reload.hostIR == nil)
        // The launch's manifest is the host's, which records its spare slots; the hot parts' are alike.
        #expect(launch.manifest.spareCapacity == HotSplit.defaultSpareSlots && reload.manifest.spareCapacity == 0)
        #expect(reload.manifest.entries == launch.manifest.entries.filter { $0.key != HotSplit.spareSlotsKey })
        #expect(reload.hotFunctions == launch.hotFunctions)
        #expect(FileManager.default.fileExists(atPath: folder + "/reload.so"))
        #expect(throws: HotPartBuilder.Failure.self) { try builder.compileHost(of: reload, to: folder + "/host.so", scratch: directory, kind: .sharedObject) }
    }
}

import Foundation
import Synchronization
import SystemProbes
import Testing
import TestSupport
import VaisCompiler
@testable import HotReload

@Suite("Hot part back ends")
struct HotPartBackendTests {
    static let program = "#[hot]\nF step(x: i64) -> i64 = x * 3 + 1\nF main() -> i64 = step(1)\n"

    /// Builds the program's hot part with `backend` and checks what a
    /// reload needs of it: both steps timed; it loads and computes; it
    /// carries its manifest and the DWARF symbolization reads (lines and
    /// aranges).
    private func expectUsableHotPart(from backend: any HotPartBackend) async throws {
        let scratch = try ScratchDirectory("backend")
        let folder = scratch.url.path
        let path = folder + "/hot.so"
        // Code generation, or clang processes: off the test threads.
        let build = try await offPool {
            try Self.program.write(toFile: folder + "/prog.vais", atomically: false, encoding: .utf8)
            let builder = HotPartBuilder(recipe: BuildRecipe(source: folder + "/prog.vais", compileOptions: CompileOptions(debugInfo: true)),
                                         toolchain: try Toolchain.locate(), backend: backend)
            let directory = try PrivateDirectory(parent: folder + "/build", name: "prog")
            defer { directory.remove() }
            return try builder.build(hotPartTo: path, scratch: directory).get()
        }
        #expect(build.timings.codegen > 0 && build.timings.link > 0)

        let inspector = try ELFInspector(path: path, reading: [HotSplit.manifestSection])
        // A launch's manifest is the host's, which adds the host's spare slots to the hot part's.
        #expect(inspector.manifest?.entries == build.manifest.entries.filter { $0.key != HotSplit.spareSlotsKey })
        let sections = Set(inspector.sections.map(\.name))
        #expect(sections.isSuperset(of: [".debug_info", ".debug_line", ".debug_aranges", ".eh_frame_hdr"]), "\(sections.sorted())")
        let handle = try #require(dlopen(path, RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        let symbol = try #require(build.hotFunctions.first { $0.name == "step" }?.hotSymbol)
        let address = try #require(dlsym(handle, symbol))
        let step = unsafeBitCast(address, to: (@convention(c) (Int64) -> Int64).self)
        #expect(step(4) == 13)
        withExtendedLifetime(scratch) {}
    }

    @Test("LLVM and lld in process build a hot part that loads, computes, and carries its manifest and debug info",
          .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"))
    func inProcess() async throws {
        let backend = HotPartBackends.forHotParts(toolchain: try Toolchain.locate(), environment: [:])
        #expect(backend is InProcessBackend)
        try await expectUsableHotPart(from: backend)
    }

    @Test("clang and ld.lld processes build the same hot part, timing both steps")
    func processes() async throws {
        let backend = HotPartBackends.forHotParts(toolchain: try Toolchain.locate(), environment: ["VAIS_BACKEND": "clang"])
        #expect(backend is ClangProcessBackend)
        try await expectUsableHotPart(from: backend)
    }

    @Test("without the library, hot parts go to the processes with a one-line notice naming why")
    func fallback() throws {
        let notices = NoticeLog()
        let missing = Result { () throws(BackendLibrary.Unavailable) in try BackendLibrary(path: "/nonexistent/libVaisBackend.so") }
        let backend = HotPartBackends.choose(toolchain: try Toolchain.locate(), environment: [:], library: missing, notice: { notices.add($0) })
        #expect(backend is ClangProcessBackend)
        let lines = notices.lines
        #expect(lines.count == 1 && lines[0].contains("clang and ld.lld processes") && lines[0].contains("/nonexistent/libVaisBackend.so"),
                "\(lines)")
        #expect(!lines[0].contains("\n"))
    }

    @Test("VAIS_BACKEND=clang does not even load LLVM (tens of megabytes of RSS)")
    func clangLeavesLLVMUnloaded() throws {
        let loads = NoticeLog()
        func load() -> Result<BackendLibrary, BackendLibrary.Unavailable> {
            loads.add("loaded")
            return .failure(BackendLibrary.Unavailable(description: "not loaded in this test"))
        }
        let backend = HotPartBackends.choose(toolchain: try Toolchain.locate(), environment: ["VAIS_BACKEND": "clang"], library: load(),
                                             notice: { _ in })
        #expect(backend is ClangProcessBackend)
        #expect(loads.lines.isEmpty)
    }

    @Test("an unknown VAIS_BACKEND is a notice, not an error")
    func unknownChoice() throws {
        let notices = NoticeLog()
        _ = HotPartBackends.choose(toolchain: try Toolchain.locate(), environment: ["VAIS_BACKEND": "gcc"], library: BackendLibrary.shared,
                                   notice: { notices.add($0) })
        #expect(notices.lines.first == "VAIS_BACKEND=gcc is neither llvm nor clang; using llvm")
    }

    /// IR LLVM's parser rejects, and IR it parses that its verifier rejects.
    static let unacceptableIR = [
        "define i64 @f( {\n",
        "define i64 @f() {\nentry:\n  %a = add i64 %b, 1\n  %b = add i64 %a, 1\n  ret i64 %a\n}\n",
    ]

    @Test("IR that LLVM 16 rejects goes to clang for that build, with a notice; clang's verdict is the error",
          .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"),
          arguments: unacceptableIR)
    func rejectedIR(_ ir: String) async throws {
        let scratch = try ScratchDirectory("backend-rejected")
        let notices = NoticeLog()
        let backend = HotPartBackends.choose(toolchain: try Toolchain.locate(), environment: [:], library: BackendLibrary.shared,
                                             notice: { notices.add($0) })
        let built = try await build(ir, with: backend, to: scratch.path("bad.so"), in: scratch.url.path)
        if case .failure(let error) = built, case Toolchain.Failure.clangFailed = error {} else { Issue.record("not clang's verdict: \(built)") }
        #expect(notices.lines.count == 1 && notices.lines[0].hasPrefix("LLVM 16") && notices.lines[0].contains("clang"), "\(notices.lines)")
    }

    @Test("a hot part lld cannot write is a one-line failure naming the path",
          .enabled(if: HotPartBackends.inProcessUnavailable == nil, "libVaisBackend.so (LLVM 16 and lld) did not load"))
    func unwritableOutput() async throws {
        let scratch = try ScratchDirectory("backend-unwritable")
        let backend = HotPartBackends.forHotParts(toolchain: try Toolchain.locate(), environment: [:])
        let output = scratch.path("missing-folder/hot.so")
        let built = try await build("define i64 @f() {\n  ret i64 1\n}\n", with: backend, to: output, in: scratch.url.path)
        if case .failure(let error) = built, case Toolchain.Failure.cannotWriteOutput(let path, _) = error {
            #expect(path == output)
        } else {
            Issue.record("not a failure to write \(output): \(built)")
        }
    }

    /// `ir` through `backend`, off the test threads: what it built or threw.
    private func build(_ ir: String, with backend: any HotPartBackend, to output: String,
                       in folder: String) async throws -> Result<BackendTimings, any Error> {
        try await offPool {
            let directory = try PrivateDirectory(parent: folder + "/build", name: "ir")
            defer { directory.remove() }
            return Result { try backend.buildSharedObject(irText: ir, scratch: directory, to: output, optimization: 0, debugInfo: false, host: nil) }
        }
    }
}

/// Notices a back end choice gave, in order.
final class NoticeLog: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func add(_ line: String) { storage.withLock { $0.append(line) } }
}

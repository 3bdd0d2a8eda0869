import Testing
import VaisCompiler

/// The call counter and first-call stamp a profile or a trace asks for:
/// absent from every other build, and safe when threads call at once.
@Suite("Profiling counters in hot parts")
struct ProfilingCountersTests {
    static let source = """
    #[hot]
    F step(x: i64) -> i64 = x + 1
    F main() -> i64 = step(1)
    """

    static func program() throws -> CheckedProgram {
        let checked = Compiler.check(Compiler.parse(source: Array(source.utf8), path: "/tmp/counters.vais"))
        return try #require(checked.program, "\(checked.renderedDiagnostics())")
    }

    @Test("a run's build (the default) carries no counter, no stamp and no clock call, in either part")
    func absentByDefault() throws {
        #expect(!CompileOptions().profilingCounters)
        let split = IREmitter.emitSplit(try Self.program(), debugInfo: true)
        for ir in [split.hot, split.host, IREmitter.emitHotPart(try Self.program(), debugInfo: false).ir] {
            #expect(!ir.contains(HotSplit.callCounterSymbol))
            #expect(!ir.contains(HotSplit.firstCallTimeSymbol))
            #expect(!ir.contains("clock_gettime"))
        }
    }

    @Test("a profile's build counts with one atomic add and stamps the first call by a compare-and-swap from zero")
    func atomicWhenAsked() throws {
        let split = IREmitter.emitSplit(try Self.program(), debugInfo: false, countsCalls: true)
        #expect(split.hot.contains("atomicrmw add ptr @\(HotSplit.callCounterSymbol), i64 1 monotonic"))
        #expect(split.hot.contains("cmpxchg ptr @\(HotSplit.firstCallTimeSymbol), i64 0, i64 "))
        #expect(!split.hot.contains("load i64, ptr @\(HotSplit.callCounterSymbol)"))
        #expect(!split.host.contains(HotSplit.callCounterSymbol), "the host part never counts")
        #expect(split.hot == IREmitter.emitHotPart(try Self.program(), debugInfo: false, countsCalls: true).ir)
    }
}

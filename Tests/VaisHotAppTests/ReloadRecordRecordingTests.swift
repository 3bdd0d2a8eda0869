@testable import HotReload
import SystemProbes
import Testing
@testable import VaisHotApp

@Suite("A reload's trace events")
struct ReloadRecordRecordingTests {
    @Test("the swap event of a partial reload names the hot functions it rebuilt, of how many")
    func swapNamesWhatWasRebuilt() throws {
        var build = HotPartBuilder.Timings()
        build.start = 1_000
        var load = VersionLoader.Timings()
        load.start = 5_000
        let record = ReloadRecord(version: 4, changedFunctions: ["render"], rebuiltFunctions: ["render", "render.closure0"], hotFunctionCount: 6,
                                  detectedAt: 500, build: build, load: load, readyAt: 6_000)
        let recorder = Recorder(origin: 0)
        record.record(into: recorder)
        let swap = try #require(recorder.snapshot().instants.first { $0.name == "swap v4" })
        #expect(swap.arguments == ["rebuilt": "render, render.closure0", "hotFunctions": "6"])
    }
}

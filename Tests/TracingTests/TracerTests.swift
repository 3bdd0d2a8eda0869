import Documents
import Foundation
@testable import HotReload
import Testing
import TestSupport
@testable import Tracing
import VaisCompiler

/// Trampolines and the tracer inside the test process.
@Suite("Tracer", .serialized)
struct TracerTests {
    static let program = """
    S Vec { x: f64, y: f64 }
    #[hot]
    F add(a: i64, b: i64) -> i64 = a + b
    #[hot]
    F scale(v: f64, k: f32) -> f64 = v * (k as f64)
    #[hot]
    F poke(p: *i64) -> i64 {
        *p += 1
        *p
    }
    #[hot]
    F mid(a: Vec, b: Vec) -> Vec = Vec { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 }
    #[hot]
    F outer(n: i64) -> i64 {
        total := mut 0
        L i: 0..n {
            total += add(i, 1)
        }
        total
    }
    F main() -> i64 {
        outer(3)
        0
    }
    """

    final class Fixture {
        let scratch: ScratchDirectory
        var folder: String { scratch.url.path }
        let source: String
        let reloader: Reloader
        let tracer: Tracer

        init(_ text: String = TracerTests.program, tracer settings: Tracer.Settings = Tracer.Settings(), retained: Int = 3) throws {
            scratch = try ScratchDirectory("tracer")
            source = scratch.path("prog.vais")
            try text.write(toFile: source, atomically: false, encoding: .utf8)
            reloader = try Reloader.launch(recipe: BuildRecipe(source: source, compileOptions: CompileOptions(debugInfo: true)),
                                           configuration: .init(buildRoot: scratch.path("build"), retainedVersions: retained), observer: { _ in })
            tracer = Tracer(settings: settings)
            tracer.attach(to: reloader, tracing: [])
        }

        func stub(_ name: String) -> UnsafeMutableRawPointer { dlsym(reloader.host.handle, "vais." + name)! }

        func stats(_ function: String, _ version: Int) -> CallStatistics? {
            tracer.statistics().first { $0.function == function && $0.version == version }
        }

        deinit {
            reloader.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    @Test("a traced function returns what it returns untraced, whatever its signature")
    func argumentsPassThrough() throws {
        let fixture = try Fixture()
        let add = unsafeBitCast(fixture.stub("add"), to: (@convention(c) (Int64, Int64) -> Int64).self)
        let scale = unsafeBitCast(fixture.stub("scale"), to: (@convention(c) (Double, Float) -> Double).self)
        let poke = unsafeBitCast(fixture.stub("poke"), to: (@convention(c) (UnsafeMutablePointer<Int64>) -> Int64).self)
        let mid = unsafeBitCast(fixture.stub("mid"), to: (@convention(c) (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                                                          UnsafeMutablePointer<Double>) -> Void).self)
        func callAll() -> [Double] {
            var cell: Int64 = 41
            var a: [Double] = [1, 2]
            var b: [Double] = [3, 8]
            var result: [Double] = [0, 0]
            mid(&result, &a, &b)
            return [Double(add(2, 40)), scale(1.5, 4), Double(poke(&cell)), Double(cell)] + result
        }
        let untraced = callAll()
        fixture.reloader.setTracing(["add", "scale", "poke", "mid"], enabled: true)
        let traced = callAll()
        #expect(untraced == [42, 6, 42, 42, 2, 5])
        #expect(traced == untraced)
        #expect(fixture.stats("mid", 1)?.calls == 1)
        #expect(fixture.stats("scale", 1)?.calls == 1)
    }

    @Test("call counts are exact, nested time is subtracted from self time, and tracing off counts nothing")
    func counts() throws {
        let fixture = try Fixture()
        let outer = unsafeBitCast(fixture.stub("outer"), to: (@convention(c) (Int64) -> Int64).self)
        fixture.reloader.setTracing(["add", "outer"], enabled: true)
        #expect(outer(100) == 5050)
        #expect(outer(20) == 210)
        let add = try #require(fixture.stats("add", 1) as CallStatistics?)
        let outerStats = try #require(fixture.stats("outer", 1) as CallStatistics?)
        #expect(add.calls == 120)
        #expect(outerStats.calls == 2)
        #expect(outerStats.selfNanoseconds < outerStats.totalNanoseconds)
        #expect(add.p50 <= add.p99 && add.p99 <= add.maximum)
        fixture.reloader.setTracing(["add"], enabled: false)
        _ = outer(10)
        #expect(fixture.stats("add", 1)?.calls == 120)
        #expect(fixture.stats("outer", 1)?.calls == 3)
    }

    @Test("calls are attributed to the version that served them, across a reload")
    func perVersion() throws {
        let fixture = try Fixture()
        fixture.reloader.setTracing(["add"], enabled: true)
        let add = unsafeBitCast(fixture.stub("add"), to: (@convention(c) (Int64, Int64) -> Int64).self)
        for _ in 0..<5 { _ = add(1, 1) }
        try TracerTests.program.replacingOccurrences(of: "= a + b", with: "= a + b + 100").write(toFile: fixture.source, atomically: false, encoding: .utf8)
        #expect(fixture.reloader.reloadNow() == 1)
        for _ in 0..<7 { #expect(add(1, 1) == 102) }
        #expect(fixture.stats("add", 1)?.calls == 5)
        #expect(fixture.stats("add", 2)?.calls == 7)
    }

    @Test("a full events buffer drops and counts instead of growing")
    func eventsBufferIsBounded() throws {
        let fixture = try Fixture(tracer: Tracer.Settings(mode: .events, eventCapacity: 10))
        fixture.reloader.setTracing(["add"], enabled: true)
        let add = unsafeBitCast(fixture.stub("add"), to: (@convention(c) (Int64, Int64) -> Int64).self)
        // A thread of its own, so its event buffer is made with this capacity.
        let done = DispatchSemaphore(value: 0)
        Thread {
            for _ in 0..<100 { _ = add(1, 2) }
            done.signal()
        }.start()
        done.wait()
        let (calls, dropped) = fixture.tracer.events()
        #expect(calls.count == 10)
        #expect(dropped == 90)
        #expect(calls.allSatisfy { $0.function == "add" && $0.version == 1 })
        #expect(fixture.stats("add", 1)?.calls == 100)
    }

    @Test("a stack captured inside a hot function names main and the caller's file.vais:line")
    func stacksNameTheCaller() throws {
        let fixture = try Fixture(tracer: Tracer.Settings(stackDepth: 16))
        fixture.reloader.setTracing(["add", "outer"], enabled: true)
        let done = DispatchSemaphore(value: 0)
        let reloader = fixture.reloader
        let thread = Thread {
            _ = reloader.runMain()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        let stacks = fixture.tracer.stacks()
        let addStack = try #require(stacks.first { $0.frames.last == "add [v1]" })
        #expect(addStack.count == 3)
        // Root first: main's call of outer, outer's call of add, then add itself.
        #expect(addStack.frames == ["main (prog.vais:22)", "outer (prog.vais:17)", "add [v1]"], "\(stacks)")
    }

    @Test("stacks and statistics of a version survive its unloading")
    func unloadedVersionsKeepTheirNames() throws {
        let fixture = try Fixture(tracer: Tracer.Settings(stackDepth: 16), retained: 1)
        fixture.reloader.setTracing(["add", "outer"], enabled: true)
        let outer = unsafeBitCast(fixture.stub("outer"), to: (@convention(c) (Int64) -> Int64).self)
        #expect(outer(4) == 10)
        for round in 1...2 {
            try TracerTests.program.replacingOccurrences(of: "= a + b", with: "= a + b + \(round)")
                .write(toFile: fixture.source, atomically: false, encoding: .utf8)
            #expect(fixture.reloader.reloadNow() == 1)
        }
        #expect(fixture.reloader.loadedVersions.retained == [3])
        #expect(!fixture.reloader.allLoadedVersions.contains { $0.number == 1 })
        #expect(fixture.stats("add", 1)?.calls == 4)
        let stacks = fixture.tracer.stacks()
        #expect(stacks.contains { $0.frames == ["outer (prog.vais:17)", "add [v1]"] && $0.count == 4 }, "\(stacks)")
    }
}

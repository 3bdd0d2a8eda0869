import Foundation
import SystemProbes
import Testing
@testable import HotReload

/// `make soak`'s partial-reload half: random single-function edits, each
/// checked for slots pointing into mapped code and every function answering
/// as its newest source says, with a call parked in a version the slots no
/// longer use now and then (the stack scan must keep that version mapped).
/// Runs when VAIS_SOAK is set: VAIS_SOAK_RELOADS edits (500 by default).
extension ReloaderTests {
    static let soakEnvironment = ProcessInfo.processInfo.environment

    /// Six one-line hot functions (`f2` calls `f1`), then `park`, which
    /// waits in a loop until the global `release` is set; its addend is on
    /// its last line, so no edit moves another function.
    static func soakProgram(_ addends: [Int], park: Int) -> String {
        var lines = ["G release: i64 = 0"]
        for index in 0..<6 {
            lines.append("#[hot] F f\(index + 1)(x: i64) -> i64 = " + (index == 1 ? "f1(x) * \(addends[index])" : "x + \(addends[index])"))
        }
        lines += ["#[hot]", "F park(x: i64) -> i64 {", "    L {", "        I release != 0 { B }", "        usleep(200)", "    }", "    x + \(park)", "}",
                  "F main() -> i64 = f1(1)", ""]
        return lines.joined(separator: "\n")
    }

    @Test("random single-function edits leave every slot in mapped code and a parked call's version mapped until it returns",
          .enabled(if: soakEnvironment["VAIS_SOAK"] != nil, "make soak runs it (set VAIS_SOAK)"), .timeLimit(.minutes(30)))
    func partialSoak() throws {
        let edits = max(30, Int(Self.soakEnvironment["VAIS_SOAK_RELOADS"] ?? "") ?? 500)
        var addends = [1, 2, 3, 4, 5, 6]
        var park = 0
        let fixture = try Fixture(Self.soakProgram(addends, park: park), retained: 1)
        defer { fixture.finish() }
        let release = try #require(dlsym(fixture.reloader.host.handle, "vais.global.release")).assumingMemoryBound(to: Int64.self)
        var random = SplitMix(seed: 16)
        for edit in 1...edits {
            if edit % 25 == 0 {
                try parkedCall(fixture, release: release, addends: &addends, park: &park)
                continue
            }
            let function = Int(random.next() % 6)
            let previous = addends[function]
            while addends[function] == previous {
                addends[function] = function == 1 ? 2 + Int(random.next() % 5) : Int(random.next() % 1000)
            }
            try save(fixture, Self.soakProgram(addends, park: park))
            #expect(lastSwap(fixture)?.rebuiltFunctions == ["f\(function + 1)"])
            try checkSlots(fixture, addends: addends)
        }
    }

    /// Every slot points into a mapped version, and every function answers as the newest source says.
    private func checkSlots(_ fixture: Fixture, addends: [Int]) throws {
        let mapped = Set(ProcFile.mappedPaths())
        let loaded = fixture.reloader.allLoadedVersions
        for name in (1...6).map({ "f\($0)" }) + ["park"] {
            let number = try #require(slotVersion(fixture, name), "the slot of \(name) points outside every loaded version")
            let version = try #require(loaded.first { $0.number == number })
            #expect(mapped.contains(version.path), "\(name) runs v\(number), which is not mapped")
        }
        for index in [0, 2, 3, 4, 5] { #expect(fixture.call("f\(index + 1)", 1) == Int64(1 + addends[index])) }
        #expect(fixture.call("f2", 1) == Int64((1 + addends[0]) * addends[1]))
    }

    /// A call of `park` waits in its version while `park` is edited away
    /// from it: the version stays mapped until the call returns.
    private func parkedCall(_ fixture: Fixture, release: UnsafeMutablePointer<Int64>, addends: inout [Int], park: inout Int) throws {
        release.pointee = 0
        park += 1
        try save(fixture, Self.soakProgram(addends, park: park))
        let parkedVersion = try #require(fixture.reloader.allLoadedVersions.last)
        let answer = Answer()
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let reloader = fixture.reloader
        let stub = UInt(bitPattern: dlsym(reloader.host.handle, "vais.park"))
        try #require(stub != 0)
        let thread = Thread {
            reloader.adoptProgramThread()
            started.signal()
            let call = unsafeBitCast(UnsafeRawPointer(bitPattern: stub), to: (@convention(c) (Int64) -> Int64).self)
            answer.value = call(1)
            reloader.releaseProgramThread()
            done.signal()
        }
        thread.start()
        started.wait()
        usleep(20_000)
        park += 1
        try save(fixture, Self.soakProgram(addends, park: park))
        #expect(!fixture.reloader.versionsUsedBySlots.contains(parkedVersion.number))
        #expect(ProcFile.mappedPaths().contains(parkedVersion.path), "v\(parkedVersion.number) was unmapped under a running call")
        release.pointee = 1
        done.wait()
        #expect(answer.value == Int64(1 + park - 1))
        try checkSlots(fixture, addends: addends)
    }

    final class Answer: @unchecked Sendable {
        var value: Int64 = 0
    }

    /// A seeded generator, so a failing soak can be run again as it was.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

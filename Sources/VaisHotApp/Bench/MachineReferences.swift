import Documents
import Foundation
import HotReload
import SystemProbes
import VaisWorkloads

/// What this machine does in the time vais-hot's wall-time metrics are
/// compared against, measured in the same run: a fixed CPU loop, clang
/// starting up to compile an empty C file, and `dlopen` of a small C
/// library. A wall time gated as a ratio to one of them asks "did vais-hot
/// get slower relative to this machine", so a machine 1.5–3× slower than
/// the one that recorded the baseline is not a regression.
///
/// Samples are taken in rounds between the parts of the bench, and clang's
/// in turns with the builds it is the measure of, so a burst of load on a
/// shared machine weighs on both sides of a ratio alike.
final class MachineReferences {
    static let cpuLoop = "reference/cpu loop"
    static let clangStartUp = BenchDocument.clangStartUpMetric
    static let dynamicLoad = "reference/dlopen of a small C library"

    let settings: BenchRunner.Settings
    let toolchain: Toolchain
    let progress: @Sendable (String) -> Void
    private var cpuSamples: [Double] = []
    private var clangSamples: [Double] = []
    private var dlopenSamples: [Double] = []

    init(settings: BenchRunner.Settings, toolchain: Toolchain, progress: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.toolchain = toolchain
        self.progress = progress
    }

    private var folder: String { settings.workFolder + "/references" }

    /// One round of samples of each reference.
    func measureRound() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let rounds = settings.suite == .quick ? 1 : 2
        progress(Self.cpuLoop)
        cpuSamples += Repeat.samples(warmUp: 2, count: 5 * rounds) { Repeat.time { Self.spin() } }
        progress(Self.clangStartUp)
        _ = try sampleClangStartUp()
        for _ in 0..<(3 * rounds) { clangSamples.append(try sampleClangStartUp()) }
        progress(Self.dynamicLoad)
        let library = try referenceLibrary(in: folder)
        dlopenSamples += try (0..<(15 * rounds)).map { index in
            // A fresh file each time, as every reload loads a new versioned copy.
            let copy = folder + "/reference-\(dlopenSamples.count + index).so"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: library, toPath: copy)
            defer { unlink(copy) }
            var handle: UnsafeMutableRawPointer?
            let time = Repeat.time { handle = dlopen(copy, RTLD_NOW | RTLD_LOCAL) }
            guard let handle else { throw BenchFailure.noReloads("the reference library did not load: \(String(cString: dlerror()))") }
            dlclose(handle)
            return time
        }
    }

    /// One sample of clang compiling an empty C file, kept with the others;
    /// taken in turns with the builds it is the measure of.
    func takeClangSample() throws {
        clangSamples.append(try sampleClangStartUp())
    }

    private func sampleClangStartUp() throws -> Double {
        try ClangStartUp(toolchain: toolchain, folder: folder).sample()
    }

    var metrics: [BenchMetric] {
        [
            BenchMetric(name: Self.cpuLoop, kind: .time, samples: cpuSamples),
            BenchMetric(name: Self.clangStartUp, kind: .time, samples: clangSamples),
            BenchMetric(name: Self.dynamicLoad, kind: .time, samples: dlopenSamples),
        ]
    }

    /// A fixed amount of integer work (about a millisecond here) that no
    /// compiler can fold away: it starts from the clock, and its result is
    /// checked.
    @inline(never)
    static func spin() {
        var generator = SplitMix64(seed: MonotonicClock.now())
        var sum: UInt64 = 0
        for _ in 0..<400_000 { sum &+= generator.next() >> 7 }
        precondition(sum != 0, "the reference loop computed nothing")
    }

    /// A C library of 64 small functions, built once by clang: a
    /// load whose cost belongs to the machine and the dynamic linker alone.
    private func referenceLibrary(in folder: String) throws -> String {
        let library = folder + "/reference.so"
        if FileManager.default.fileExists(atPath: library) { return library }
        let source = folder + "/reference.c"
        let functions = (0..<64).map { "long reference_\($0)(long x) { return x * \($0 + 3) + \($0); }\n" }.joined()
        try functions.write(toFile: source, atomically: false, encoding: .utf8)
        let outcome = try ProcessRunner.run(toolchain.clang, [source, "-o", library, "-O0", "-fuse-ld=lld", "-shared", "-fPIC"])
        guard outcome.succeeded else { throw BenchFailure.doesNotCompile("the reference C file \(source)", outcome.output) }
        return library
    }
}

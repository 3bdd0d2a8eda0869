import Foundation
import SystemProbes
import Testing
import TestSupport

/// `make soak`: a thousand reloads of a program under `vais-hot run`, with
/// what the process holds printed along the way. Out of the normal run
/// (minutes long): it runs when VAIS_SOAK is set, VAIS_SOAK_RELOADS
/// reloads (1,000 by default).
@Suite("Soak")
struct SoakTests {
    static let environment = ProcessInfo.processInfo.environment
    /// RSS may grow by less than this over the second half of the reloads.
    static let growthLimit = 1 << 20

    /// What the running vais-hot holds after some reloads.
    struct Sample {
        let reloads: Int
        let residentBytes: Int
        let descriptors: Int
        let mappedVersions: Int
        let files: Int

        var row: String {
            String(format: "%8d %10.1f MB %12d %16d %6d", reloads, Double(residentBytes) / 1_048_576, descriptors, mappedVersions, files)
        }
    }

    static func program(_ value: Int) -> String {
        """
        U std/hot
        N "C" { F fflush(stream: *i8) -> i32 }
        G total: i64 = 0

        #[hot]
        F update() -> i64 {
            total += \(value)
            usleep(1000)
            0
        }

        F main() -> i64 {
            puts("started")
            fflush(0 as *i8)
            hot_loop(update)
        }
        """
    }

    static func sample(_ pid: pid_t, reloads: Int, buildFolder: String) -> Sample {
        let status = ProcFile.read("/proc/\(pid)/status") ?? ""
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let kilobytes = Int(rssLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count ?? 0
        let maps = ProcFile.read("/proc/\(pid)/maps") ?? ""
        let versions = Set(maps.split(separator: "\n").compactMap { line -> Substring? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = line[slash...]
            return path.contains("/libsoak.v") ? path : nil
        })
        let files = FileManager.default.enumerator(atPath: buildFolder)?.allObjects.count ?? 0
        return Sample(reloads: reloads, residentBytes: kilobytes * 1024, descriptors: descriptors, mappedVersions: versions.count, files: files)
    }

    @Test("1,000 reloads: RSS, descriptors, mapped versions and files stay flat", .timeLimit(.minutes(60)),
          .enabled(if: environment["VAIS_SOAK"] != nil, "make soak runs it (set VAIS_SOAK): a thousand reloads take minutes"))
    func thousandReloads() throws {
        let reloads = max(10, Int(Self.environment["VAIS_SOAK_RELOADS"] ?? "") ?? 1_000)
        let checkpoints = Set([0, reloads / 10, reloads / 2, reloads])
        let scratch = try ScratchDirectory("soak")
        let source = EditableSource(path: scratch.path("soak.vais"))
        try source.write(Self.program(0))
        let buildFolder = scratch.path("build")
        let program = try LiveProgram(executable: Repository.executable,
                                      arguments: ["run", source.path, "--debounce-ms", "10", "--std", Repository.standardLibrary,
                                                  "--build-dir", buildFolder],
                                      directory: scratch.url)
        defer { program.stop() }
        let pid = program.process.processIdentifier
        // main runs once the source is watched.
        #expect(program.waitForLine(containing: "started"), "\(program.stderr)")
        print("    reloads          RSS  descriptors  mapped versions  files")
        var samples: [Sample] = []
        let started = Date()
        for reload in 0...reloads {
            if reload > 0 {
                try source.write(Self.program(reload))
                let live = "[vais-hot] v\(reload + 1) live in"
                guard program.waitForStderr(containing: live, seconds: 60) else {
                    Issue.record("reload \(reload) never went live:\n\(program.stderr.suffix(2_000))")
                    return
                }
            }
            guard checkpoints.contains(reload) else { continue }
            let sample = Self.sample(pid, reloads: reload, buildFolder: buildFolder)
            samples.append(sample)
            print(sample.row)
        }
        guard let middle = samples.first(where: { $0.reloads == reloads / 2 }), let last = samples.last, let early = samples.dropFirst().first else { return }
        let growth = last.residentBytes - middle.residentBytes
        print(String(format: "RSS growth over the last %d reloads: %+.1f KB (limit %d KB); %d reloads in %.0f s", reloads - reloads / 2,
                     Double(growth) / 1024, Self.growthLimit / 1024, reloads, Date().timeIntervalSince(started)))
        #expect(growth < Self.growthLimit, "RSS grew by \(growth) bytes over the last \(reloads - reloads / 2) reloads")
        #expect(last.descriptors <= early.descriptors, "descriptors grew: \(early.descriptors) -> \(last.descriptors)")
        #expect(last.mappedVersions <= 4, "versions still mapped: \(last.mappedVersions)")
        #expect(last.files <= early.files, "files in the build directory grew: \(early.files) -> \(last.files)")
        #expect(!program.stderr.contains("crashed"))
    }
}

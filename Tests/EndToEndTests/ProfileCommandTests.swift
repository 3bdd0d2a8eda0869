import Foundation
import HotReload
import Testing
import TestSupport

/// `vais-hot profile` and `vais-hot report` as a user runs them.
@Suite("vais-hot profile and report")
struct ProfileCommandTests {
    @Test("profile drives reloads of game.vais and writes every output; report rebuilds and compares", .timeLimit(.minutes(10)))
    func profileAndReport() throws {
        let scratch = try ScratchDirectory("profile")
        let out = scratch.path("out")
        let profile = try ProcessRunner.run(Repository.executable, ["profile", Repository.root.appendingPathComponent("examples/game.vais").path,
                                                                   "--reloads", "4", "--frames", "10", "--out", out,
                                                                   "--build-dir", scratch.path("build")])
        #expect(profile.exitStatus == 0, "\(profile.output)")
        #expect(profile.output.contains("reload 4 of 4"))
        #expect(profile.output.contains("report: \(URL(fileURLWithPath: out).appendingPathComponent("report.html").path)"))
        for file in ["profile.json", "reloads.csv", "memory.csv", "report.html", "trace.json", "program.out"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file) is missing")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/profile.json"))) as? [String: Any]
        #expect((json?["reloads"] as? [Any])?.count == 4)
        #expect(try String(contentsOfFile: out + "/program.out", encoding: .utf8).contains("final: frames=600"))
        // The profile edited its copy, never the user's file.
        #expect(FileManager.default.fileExists(atPath: out + "/work/game.vais"))
        #expect(try ProcessRunner.run("/usr/bin/git", ["-C", Repository.root.path, "diff", "--quiet", "--", "examples/game.vais"]).exitStatus == 0)

        let html = scratch.path("again.html")
        let report = try ProcessRunner.run(Repository.executable, ["report", out + "/profile.json", "--html", html,
                                                                  "--compare", out + "/profile.json", "--csv", scratch.path("csv")])
        #expect(report.exitStatus == 0, "\(report.output)")
        #expect(report.output.contains("codegen") && report.output.contains("link"))
        #expect(report.output.contains("+0.0%"))
        #expect(FileManager.default.fileExists(atPath: html))
        #expect(FileManager.default.fileExists(atPath: scratch.path("csv/reloads.csv")))
    }

    @Test("report explains a file that is not a profile")
    func reportRejectsJunk() throws {
        let scratch = try ScratchDirectory("report-junk")
        try "{\"hello\": 1}".write(toFile: scratch.path("junk.json"), atomically: false, encoding: .utf8)
        let report = try ProcessRunner.run(Repository.executable, ["report", scratch.path("junk.json")])
        #expect(report.exitStatus == 1)
        #expect(report.output.contains("is not a vais-hot profile.json"))
    }
}

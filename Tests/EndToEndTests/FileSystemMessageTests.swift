import Foundation
import HotReload
import Testing
import TestSupport

/// File-system failures said in one line, naming the path and the
/// system's reason, never as a dump of Foundation's error object.
@Suite("File-system messages")
struct FileSystemMessageTests {
    /// A mount namespace of our own, where a test may mount a small or
    /// read-only tmpfs without privileges; not every machine allows it.
    static let canMountPrivately: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"),
              let outcome = try? ProcessRunner.run("/usr/bin/unshare", ["-rm", "/bin/true"]) else { return false }
        return outcome.exitStatus == 0
    }()

    static func program(in scratch: ScratchDirectory) throws -> String {
        let path = scratch.path("ok.vais")
        try "F main() -> i64 = 0\n".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test("a full disk: one line with the path and 'No space left on device', and the device is left a device")
    func fullDisk() throws {
        let scratch = try ScratchDirectory("msg-full")
        let outcome = try ProcessRunner.run(Repository.executable, ["build", "--emit-llvm", try Self.program(in: scratch), "-o", "/dev/full"])
        #expect(outcome.exitStatus != 0)
        #expect(outcome.output == "Error: cannot write /dev/full: No space left on device\n", "\(outcome.output)")
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("a read-only file system: build and trace say which path and why, in one line",
          .enabled(if: canMountPrivately, "needs `unshare -rm` (user and mount namespaces) to mount a read-only tmpfs"))
    func readOnlyFileSystem() throws {
        let scratch = try ScratchDirectory("msg-readonly")
        let source = try Self.program(in: scratch)
        let readOnly = scratch.path("readonly")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        let script = """
        mount -t tmpfs -o ro tmpfs "$1" || exit 99
        "$2" build --emit-llvm "$3" -o "$1/x.ll"; echo "build exited $?"
        "$2" build "$3" -o "$1/x" 2>&1
        "$2" trace "$3" --out "$1/trace" 2>&1 | grep -v '^ \\|^function\\|^trampoline'; echo "trace exited ${PIPESTATUS:-$?}"
        """
        let outcome = try ProcessRunner.run("/usr/bin/unshare", ["-rm", "/bin/bash", "-c", script, "unshare", readOnly, Repository.executable, source])
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("Error: cannot write \(readOnly)/x.ll: Read-only file system"), "\(outcome.output)")
        #expect(lines.contains("build exited 1"), "\(outcome.output)")
        #expect(lines.contains("error: cannot write \(readOnly)/x: Read-only file system"), "\(outcome.output)")
        #expect(lines.contains("error: cannot write the trace to \(readOnly)/trace: Read-only file system"), "\(outcome.output)")
        #expect(!outcome.output.contains("NSCocoaErrorDomain"), "\(outcome.output)")
        #expect(!outcome.output.contains("trace: \(readOnly)"), "a trace that was not written is not announced")
    }

    @Test("a source that cannot be read: the reason, on one line")
    func unreadableSource() throws {
        let scratch = try ScratchDirectory("msg-unreadable")
        let missing = scratch.path("missing.vais")
        let outcome = try ProcessRunner.run(Repository.executable, ["check", missing])
        #expect(outcome.exitStatus == 1)
        #expect(outcome.output == "\(missing):1:1: error[E012]: cannot read \(missing): No such file or directory\n\(missing): 1 error\n")
        let folder = try ProcessRunner.run(Repository.executable, ["check", scratch.url.path])
        #expect(folder.output.contains("cannot read \(scratch.url.path): Is a directory"), "\(folder.output)")
    }
}

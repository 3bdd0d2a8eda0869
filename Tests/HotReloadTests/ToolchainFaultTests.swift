import Foundation
import Testing
import TestSupport
import VaisCompiler
@testable import HotReload

/// A toolchain that misbehaves: hangs, leaves a process holding its
/// output, writes garbage, cannot start, or is not there. Each is reported
/// as what it is, within the time limit, and no process is left behind.
@Suite("Toolchain faults")
struct ToolchainFaultTests {
    /// A shell script standing in for clang.
    static func fakeClang(_ body: String, in scratch: ScratchDirectory, interpreter: String = "/bin/sh") throws -> String {
        let path = scratch.path("clang")
        try writeExecutable("#!\(interpreter)\n\(body)\n", to: path)
        return path
    }

    /// Writes a script through a close-on-exec descriptor: a child that
    /// another test spawns meanwhile must not inherit it open for writing,
    /// or running the script fails with ETXTBSY.
    static func writeExecutable(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let bytes = Array(text.utf8)
        let written = write(descriptor, bytes, bytes.count)
        close(descriptor)
        guard written == bytes.count else { throw POSIXError(.EIO) }
    }

    private func compile(with clang: String, in scratch: ScratchDirectory) throws {
        try "; empty module\n".write(toFile: scratch.path("in.ll"), atomically: false, encoding: .utf8)
        try Toolchain(clang: clang, compileTimeout: 1).compile(ir: scratch.path("in.ll"), to: scratch.path("out"), kind: .executable)
    }

    private func pid(in file: String) throws -> pid_t {
        try #require(pid_t(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("a clang that never returns is stopped at the time limit, with a message naming it")
    func hangingClang() throws {
        let scratch = try ScratchDirectory("fake-hang")
        let clang = try Self.fakeClang("echo $$ > \(scratch.path("pid"))\nexec sleep 1000", in: scratch)
        #expect { try compile(with: clang, in: scratch) } throws: { error in
            guard case Toolchain.Failure.timedOut = error else { return false }
            return "\(error)".contains("did not finish within 1 s") && "\(error)".contains("VAIS_COMPILE_TIMEOUT")
        }
        #expect(ProcessEnd.hasEnded(try pid(in: scratch.path("pid"))))
    }

    @Test("a process left behind holding clang's output does not stall the build; its whole process group is killed")
    func grandchildHoldsOutput() throws {
        let scratch = try ScratchDirectory("fake-grandchild")
        let clang = try Self.fakeClang("sleep 1000 &\necho $! > \(scratch.path("pid"))\nexit 0", in: scratch)
        #expect(throws: Toolchain.Failure.self) { try compile(with: clang, in: scratch) }
        #expect(ProcessEnd.hasEnded(try pid(in: scratch.path("pid"))))
    }

    @Test("a clang that writes garbage is a broken toolchain, not a compiler bug")
    func garbage() throws {
        let scratch = try ScratchDirectory("fake-garbage")
        let succeeds = try Self.fakeClang("printf 'garbage \\001\\002'\nexit 0", in: scratch)
        #expect { try compile(with: succeeds, in: scratch) } throws: { error in
            guard case Toolchain.Failure.noOutput = error else { return false }
            return "\(error)".contains("did not write \(scratch.path("out"))")
        }
        let fails = try Self.fakeClang("printf 'garbage \\001\\002'\nexit 3", in: scratch)
        #expect { try compile(with: fails, in: scratch) } throws: { error in
            "\(error)".contains("\(fails) exited with status 3") && !"\(error)".contains("internal compiler error")
        }
    }

    @Test("a clang that cannot start is reported with its path and the reason")
    func cannotStart() throws {
        let scratch = try ScratchDirectory("fake-unstartable")
        let clang = try Self.fakeClang("exit 0", in: scratch, interpreter: "/nonexistent/interpreter")
        #expect { try compile(with: clang, in: scratch) } throws: { error in
            "\(error)".contains("the toolchain failed to run: cannot start \(clang): No such file or directory")
        }
    }

    @Test("VAIS_CLANG naming a missing or unrunnable file is an error naming it, not ignored")
    func configuredClangMissing() throws {
        #expect { try Toolchain.locate(environment: ["VAIS_CLANG": "/nonexistent/clang"]) } throws: { error in
            "\(error)".contains("VAIS_CLANG names /nonexistent/clang") && "\(error)".contains("No such file or directory")
        }
        let scratch = try ScratchDirectory("fake-not-executable")
        try "".write(toFile: scratch.path("clang"), atomically: false, encoding: .utf8)
        #expect(throws: Toolchain.Failure.self) { try Toolchain.locate(environment: ["VAIS_CLANG": scratch.path("clang")]) }
        #expect(throws: Toolchain.Failure.self) { try Toolchain.locate(environment: ["VAIS_COMPILE_TIMEOUT": "soon"]) }
        let configured = try Toolchain.locate(environment: ["VAIS_CLANG": "/bin/true", "VAIS_COMPILE_TIMEOUT": "2.5"])
        #expect(configured.clang == "/bin/true" && configured.compileTimeout == 2.5)
    }

    @Test("children do not inherit the watcher's wake-up pipe")
    func wakeupPipeNotInherited() throws {
        let watcher = try FileWatcher()
        var status = stat()
        #expect(fstat(watcher.wakeup[0], &status) == 0)
        let listing = try ProcessRunner.run("/bin/sh", ["-c", "for fd in /proc/$$/fd/*; do readlink $fd; done"])
        #expect(listing.succeeded)
        #expect(!listing.output.contains("pipe:[\(status.st_ino)]"))
    }
}

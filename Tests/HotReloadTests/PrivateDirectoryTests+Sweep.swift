import Foundation
import Testing
import TestSupport
@testable import HotReload

/// What a run killed by SIGKILL leaves behind is swept by the next one, and
/// nothing a live run (or another program) holds is touched.
extension PrivateDirectoryTests {
    @Test("an abandoned directory of this user is removed with its files; a live one, a younger one and other names stay")
    func abandonedSwept() throws {
        let scratch = try ScratchDirectory("private-sweep")
        let parent = scratch.path("build")
        let live = try PrivateDirectory(parent: parent, name: "prog", environment: [:])
        defer { live.remove() }
        let abandoned = (parent as NSString).appendingPathComponent("prog-Ab12Cd")
        let otherName = (parent as NSString).appendingPathComponent("game-Ab12Cd")
        let notOurs = (parent as NSString).appendingPathComponent("prog-shared")
        for folder in [abandoned, otherName] {
            #expect(mkdir(folder, 0o700) == 0)
            #expect(FileManager.default.createFile(atPath: folder + "/staging.so", contents: Data([1, 2, 3])))
        }
        #expect(mkdir(notOurs, 0o755) == 0)

        PrivateDirectory.sweepAbandoned(in: parent, name: "prog", graceSeconds: 10)
        #expect(FileManager.default.fileExists(atPath: abandoned), "a directory made a moment ago may be one about to be locked")

        PrivateDirectory.sweepAbandoned(in: parent, name: "prog", graceSeconds: -1)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live.path), "held locked by this process")
        #expect(FileManager.default.fileExists(atPath: otherName + "/staging.so"))
        #expect(FileManager.default.fileExists(atPath: notOurs), "not a name mkdtemp gives")
    }

    @Test("a directory another process holds is not swept")
    func heldByAnotherProcessStays() throws {
        let scratch = try ScratchDirectory("private-held")
        let parent = scratch.path("build")
        let held = (parent as NSString).appendingPathComponent("prog-Xy34Zw")
        #expect(mkdir(parent, 0o700) == 0 && mkdir(held, 0o700) == 0)
        // A shell locks the folder the way a live vais-hot does, then
        // becomes `sleep` still holding it, so ending it releases the lock.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9<\"$1\" && /usr/bin/flock 9 && exec sleep 30", "sh", held]
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        var waited = 0
        while !Self.isLocked(held), waited < 1000 {
            usleep(10_000)
            waited += 1
        }
        #expect(Self.isLocked(held))
        PrivateDirectory.sweepAbandoned(in: parent, name: "prog", graceSeconds: -1)
        #expect(FileManager.default.fileExists(atPath: held))
    }

    private static func isLocked(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0
    }
}

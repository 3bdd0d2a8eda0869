import Foundation
import Testing
import TestSupport
@testable import HotReload

/// The private build directory against another local user: an
/// unpredictable name, no link followed, a replaced folder noticed, no
/// folder of someone else's trusted.
@Suite("Private directory")
struct PrivateDirectoryTests {
    /// An environment whose fallback folders are all inside `scratch`.
    private func environment(_ scratch: ScratchDirectory) -> [String: String] {
        ["XDG_CACHE_HOME": scratch.path("cache"), "HOME": scratch.path("home")]
    }

    private func mode(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : 0
    }

    @Test("the directory has an unpredictable name, mode 0700, and belongs to this user")
    func nameAndMode() throws {
        let scratch = try ScratchDirectory("private-name")
        let first = try PrivateDirectory(parent: scratch.path("build"), name: "prog", environment: environment(scratch))
        let second = try PrivateDirectory(parent: scratch.path("build"), name: "prog", environment: environment(scratch))
        defer { first.remove(); second.remove() }
        #expect(first.path != second.path)
        for directory in [first, second] {
            let name = (directory.path as NSString).lastPathComponent
            #expect(name.hasPrefix("prog-") && name.count == "prog-".count + 6)
            #expect(!name.contains(String(getpid())))
            #expect(mode(directory.path) & 0o7777 == 0o700)
            #expect(directory.fallbackReason == nil)
        }
    }

    @Test("its path is absolute and canonical, as /proc/self/smaps names what is mapped from it")
    func canonicalPath() throws {
        let scratch = try ScratchDirectory("private-canonical")
        try FileManager.default.createDirectory(atPath: scratch.path("build"), withIntermediateDirectories: true)
        let directory = try PrivateDirectory(parent: scratch.path("build/../other"), name: "prog", environment: environment(scratch))
        defer { directory.remove() }
        let parent = try #require(realpath(scratch.path("other"), nil))
        defer { free(parent) }
        #expect((directory.path as NSString).deletingLastPathComponent == String(cString: parent))
    }

    @Test("a file is written through the directory's descriptor: a link planted in its place is replaced, its target untouched")
    func plantedLinkNotFollowed() throws {
        let scratch = try ScratchDirectory("private-link")
        let target = scratch.path("precious")
        try "precious".write(toFile: target, atomically: false, encoding: .utf8)
        let directory = try PrivateDirectory(parent: scratch.path("build"), name: "prog", environment: environment(scratch))
        defer { directory.remove() }
        #expect(symlink(target, directory.file("staging.so.ll")) == 0)
        try directory.write(Array("define i64 @f() { ret i64 1 }".utf8), to: "staging.so.ll")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        #expect(mode(directory.file("staging.so.ll")) & S_IFMT == S_IFREG)
        #expect(mode(directory.file("staging.so.ll")) & 0o777 == 0o600)
        #expect(directory.contents() == ["staging.so.ll"])
    }

    @Test("a folder moved away and another put in its place is noticed, not used")
    func replacedFolder() throws {
        let scratch = try ScratchDirectory("private-replaced")
        let directory = try PrivateDirectory(parent: scratch.path("build"), name: "prog", environment: environment(scratch))
        try directory.verify()
        #expect(rename(directory.path, directory.path + ".moved") == 0)
        #expect(mkdir(directory.path, 0o700) == 0)
        #expect(throws: PrivateDirectory.Failure.self) { try directory.verifiedFile("staging.so") }
        #expect(rmdir(directory.path) == 0)
        #expect(symlink(directory.path + ".moved", directory.path) == 0)
        #expect(throws: PrivateDirectory.Failure.self) { try directory.verify() }
        // What is in its place now is not ours to remove.
        directory.remove()
        #expect(mode(directory.path) & S_IFMT == S_IFLNK)
    }

    @Test("a folder others can write to is not trusted: the directory goes to the user's cache folder instead")
    func writableByOthers() throws {
        let scratch = try ScratchDirectory("private-shared")
        let shared = scratch.path("shared")
        #expect(mkdir(shared, 0o777) == 0 && chmod(shared, 0o777) == 0)
        let directory = try PrivateDirectory(parent: shared + "/build", name: "prog", environment: environment(scratch))
        defer { directory.remove() }
        #expect(directory.path.hasPrefix(scratch.path("cache/vais-hot") + "/"))
        #expect(directory.fallbackReason?.contains("can be written by other users") == true)
        #expect(!FileManager.default.fileExists(atPath: shared + "/build"), "nothing is made in a folder that is not trusted")

        // Sticky, like /tmp: others cannot move what is ours, so it is trusted.
        #expect(chmod(shared, 0o1777) == 0)
        let sticky = try PrivateDirectory(parent: shared, name: "prog", environment: environment(scratch))
        defer { sticky.remove() }
        #expect(sticky.path.hasPrefix(shared + "/"))
    }

    @Test("a folder that belongs to another user is refused, and so is one under it", .enabled(if: geteuid() == 0, "changing a folder's owner needs root"))
    func ownedByAnotherUser() throws {
        let scratch = try ScratchDirectory("private-owner")
        let theirs = scratch.path("theirs")
        let nobody = getpwnam("nobody").map { $0.pointee.pw_uid } ?? 65_534
        #expect(mkdir(theirs, 0o755) == 0 && mkdir(theirs + "/mine", 0o755) == 0)
        #expect(chown(theirs, nobody, nobody) == 0)
        for parent in [theirs, theirs + "/mine"] {
            let directory = try PrivateDirectory(parent: parent, name: "prog", environment: environment(scratch))
            defer { directory.remove() }
            #expect(directory.path.hasPrefix(scratch.path("cache/vais-hot") + "/"))
            #expect(directory.fallbackReason?.contains("belongs to another user") == true)
        }
        // No usable fallback: refused with what to do.
        let cornered = ["HOME": theirs]
        #expect { try PrivateDirectory(parent: theirs, name: "prog", environment: cornered) } throws: { error in
            "\(error)".contains("refusing to build in \(theirs)") && "\(error)".contains("XDG_CACHE_HOME")
        }
    }
}

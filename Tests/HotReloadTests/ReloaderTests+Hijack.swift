import Foundation
import Testing
@testable import HotReload

/// What another user with a foot in the build folder could try during a
/// run: links planted where the reloader writes, the folder swapped. In the
/// reloader's suite, whose tests run one at a time: hosts loaded at the same
/// time would bind each other's hot parts.
extension ReloaderTests {

    @Test("links planted in place of the IR and the staged library are replaced, their targets untouched")
    func plantedLinks() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        let target = fixture.folder + "/root-only"
        try "root only".write(toFile: target, atomically: false, encoding: .utf8)
        for name in ["staging.so.ll", "staging.so", "staging.so.o"] {
            #expect(symlink(target, fixture.reloader.directory.file(name)) == 0)
        }
        try fixture.edit(Self.program("x + 2"))
        #expect(fixture.reloader.reloadNow() == 1)
        #expect(fixture.call("step", 1) == 3)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "root only")
    }

    @Test("a build folder replaced after start-up fails the reload with a message, and the program keeps its version")
    func replacedFolder() throws {
        let fixture = try Fixture(Self.program("x + 1"))
        defer { fixture.finish() }
        let path = fixture.reloader.directory.path
        #expect(rename(path, path + ".moved") == 0)
        #expect(mkdir(path, 0o700) == 0)
        try fixture.edit(Self.program("x + 2"))
        #expect(fixture.reloader.reloadNow() == -1)
        #expect(fixture.call("step", 1) == 2)
        #expect(fixture.events.all.contains { event in
            if case .buildFailed(let text) = event { return text.contains("was moved or replaced") }
            return false
        })
        #expect((try? FileManager.default.contentsOfDirectory(atPath: path)) == [])
    }
}

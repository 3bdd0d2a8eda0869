import Testing
import VaisCompiler

@Suite("ABI manifest")
struct ABIManifestTests {
    private func manifest(_ source: String) throws -> ABIManifest {
        let result = Compiler.compile(source: source, path: "/tmp/manifest.vais")
        let program = try #require(result.program, "\(result.renderedDiagnostics())")
        return IREmitter.emitSplit(program, debugInfo: false).manifest
    }

    static let base = """
    S State { frame: i64, x: f64 }
    G score: i64 = 0
    #[hot]
    F step(s: *State) -> i64 = s.frame + 1
    F helper(a: i64) -> i64 = a * 2
    F main() -> i64 = 0
    """

    @Test("the text form reads back to the same manifest")
    func roundTrip() throws {
        let original = try manifest(Self.base)
        #expect(ABIManifest(text: original.text) == original)
        #expect(original.entries["hot step"] == "(*State) -> i64")
        #expect(original.entries["struct State"] == "size=16; frame: i64 @0; x: f64 @8")
        #expect(original.hotFunctions.map(\.slotSymbol) == ["vais.slot.step"])
    }

    @Test("a part checked with --lenient-mutability says so, for a build --hot executable to rebuild the same way; the entry refuses nothing")
    func lenientMutabilityRecorded() throws {
        let source = Self.base.replacingOccurrences(of: "F helper(a: i64) -> i64 = a * 2", with: "F helper(a: i64) -> i64 {\n b := a\n b = b * 2\n b\n}")
        let result = Compiler.compile(source: source, path: "/tmp/manifest.vais", options: CompileOptions(lenientMutability: true))
        let lenient = IREmitter.emitSplit(try #require(result.program), debugInfo: false).manifest
        #expect(lenient.entries[ABIManifest.lenientMutabilityKey] == "on")
        #expect(try manifest(Self.base).entries[ABIManifest.lenientMutabilityKey] == nil)
        let comparison = try manifest(Self.base).compare(with: lenient)
        #expect(!comparison.refusals.contains { $0.contains("option") } && !comparison.warnings.contains { $0.contains("option") })
    }

    @Test("a body edit of a hot function is compatible")
    func hotBodyEdit() throws {
        let comparison = try manifest(Self.base).compare(with: manifest(Self.base.replacingOccurrences(of: "s.frame + 1", with: "s.frame + 2")))
        #expect(comparison.refusals.isEmpty && comparison.warnings.isEmpty)
    }

    @Test("refusals name what changed")
    func refusals() throws {
        let old = try manifest(Self.base)
        func refusals(_ edited: String) throws -> [String] { old.compare(with: try manifest(edited)).refusals }
        #expect(try refusals(Self.base.replacingOccurrences(of: "x: f64 }", with: "x: f64, y: f64 }"))
                == ["struct `State` changed its layout: `y` was added (y: f64 @16)"])
        #expect(try refusals(Self.base.replacingOccurrences(of: "x: f64 }", with: "x: i64 }"))
                == ["struct `State` changed its layout: `x` changed from x: f64 @8 to x: i64 @8"])
        #expect(try refusals(Self.base.replacingOccurrences(of: "F step(s: *State) -> i64 = s.frame + 1", with: "F step(s: *State) -> f64 = s.x"))
                == ["hot function `step` changed its signature from (*State) -> i64 to (*State) -> f64"])
        #expect(try refusals(Self.base.replacingOccurrences(of: "G score: i64 = 0", with: "G score: i32 = 0"))
                == ["global `score` changed its type from i64 to i32"])
        #expect(try refusals(Self.base + "\nF extra() -> i64 = 1")
                == ["function `extra` is new and not #[hot]: only #[hot] functions can change while running; restart to add it"])
    }

    @Test("an edit of a function that is not hot is a warning, not a refusal")
    func coldEdit() throws {
        let comparison = try manifest(Self.base).compare(with: manifest(Self.base.replacingOccurrences(of: "a * 2", with: "a * 3")))
        #expect(comparison.refusals.isEmpty)
        #expect(comparison.warnings == ["`helper` changed but is not #[hot]: the change takes effect after a restart"])
    }

    static let closures = """
    #[hot]
    F make(k: i64) -> |i64| -> i64 {
        bonus := 1.5
        |x| x * k + 1
    }
    F main() -> i64 = make(2)(3)
    """

    @Test("a hot function's closure is a hot function with its captures in the manifest; changing them is refused by name")
    func closureCaptures() throws {
        let old = try manifest(Self.closures)
        #expect(old.entries["hot make.closure0"] == "(*u8, i64) -> i64")
        #expect(old.entries["closure make.closure0"] == "size=8; k: i64 @0")
        #expect(old.hotFunctions.map(\.slotSymbol) == ["vais.slot.make", "vais.slot.make.closure0"])
        let bodyEdit = old.compare(with: try manifest(Self.closures.replacingOccurrences(of: "x * k + 1", with: "x * k + 2")))
        #expect(bodyEdit.refusals.isEmpty && bodyEdit.warnings.isEmpty)
        let captureEdit = old.compare(with: try manifest(Self.closures.replacingOccurrences(of: "x * k + 1", with: "x * k + bonus as i64")))
        #expect(captureEdit.refusals == ["closure `make.closure0` changed what it captures: `bonus` was added (bonus: f64 @8); closures made by the running version would read the old environment; closures are named by their place in their function, so inserting or removing one before it renames it: add new closures after the existing ones, or restart"])
        let added = old.compare(with: try manifest(Self.closures.replacingOccurrences(of: "x * k + 1", with: "x * k + (|| 1)()")))
        #expect(added.refusals == ["hot function `make.closure0.closure0` is new: the running program has no slot for it; restart to add it"])
    }

    @Test("a closure added to a function that is not hot is an edit of that function: a warning")
    func coldClosure() throws {
        let comparison = try manifest(Self.base).compare(with: manifest(Self.base.replacingOccurrences(of: "a * 2", with: "(|x: i64| x * 2)(a)")))
        #expect(comparison.refusals.isEmpty)
        #expect(comparison.warnings == ["`helper` changed but is not #[hot]: the change takes effect after a restart"])
    }
}

import Testing
import VaisCompiler

/// Spare slots (`HotPartSpares`): which function of a reload's hot part
/// takes which spare, how the running manifest keeps them, and what it
/// refuses.
@Suite("Spare slots")
struct HotPartSparesTests {
    private func program(_ source: String) throws -> CheckedProgram {
        let result = Compiler.compile(source: source, path: "/tmp/spares.vais", options: CompileOptions())
        return try #require(result.program, "\(result.renderedDiagnostics())")
    }

    /// `make` makes and calls closures (one per entry of `closures`, which
    /// take one argument unless `|x: i64, y: i64|`); `main` keeps a function
    /// value in a global, `helper` when `usesHelper`.
    private func source(closures: [String], usesHelper: Bool = false) -> String {
        let made = closures.enumerated().map { index, closure in
            "    c\(index) := \(closure)\n    total += c\(index)(k\(closure.contains("y: i64") ? ", k" : ""))\n"
        }.joined()
        let helper = usesHelper ? "F helper(x: i64) -> i64 = x * 7\n" : ""
        return """
        F identity(x: i64) -> i64 = x
        G keep: fn(i64) -> i64 = identity
        \(helper)#[hot]
        F make(k: i64) -> i64 {
            total := mut 0
        \(made)    \(usesHelper ? "keep = helper\n" : "")    total
        }
        F main() -> i64 = make(1) + keep(1)
        """
    }

    private func part(_ source: String, against running: ABIManifest) throws -> Result<HotPart, HotPartSpares.PoolExhausted> {
        IREmitter.emitHotPart(try program(source), debugInfo: false, against: running)
    }

    private func host(_ source: String, spares: Int) throws -> ABIManifest {
        IREmitter.emitSplit(try program(source), debugInfo: false, spareSlots: spares).manifest
    }

    @Test("the host's manifest records its pool; its own closures need no spare")
    func hostPool() throws {
        let running = try host(source(closures: ["|x: i64| x + k"]), spares: 8)
        #expect(running.spareCapacity == 8)
        #expect(running.spareOwners.isEmpty)
        let same = try part(source(closures: ["|x: i64| x + k"]), against: running).get()
        #expect(same.manifest.spareOwners.isEmpty)
        #expect(same.hotFunctions.map(\.slotSymbol).sorted() == ["vais.slot.make", "vais.slot.make.closure0"])
    }

    @Test("a closure added after the existing ones and a new function used as a value take the next free spares, by name")
    func newFunctionsTakeSpares() throws {
        let running = try host(source(closures: ["|x: i64| x + k"]), spares: 8)
        let part = try part(source(closures: ["|x: i64| x + k", "|x: i64| x * k"], usesHelper: true), against: running).get()
        #expect(part.manifest.spareOwners == ["helper": 0, "make.closure1": 1])
        let slots = Dictionary(uniqueKeysWithValues: part.hotFunctions.map { ($0.name, $0.slotSymbol) })
        #expect(slots["make.closure1"] == HotSplit.spareSlotSymbol(1))
        #expect(slots["helper"] == HotSplit.spareSlotSymbol(0))
        #expect(slots["make"] == "vais.slot.make")
        // Their values are the spares' host stubs; the part defines their code.
        #expect(part.ir.contains("{ ptr @vais.spare.0, ptr null }"))
        #expect(part.ir.contains("ptr @vais.spare.1"))
        #expect(part.ir.contains("define i64 @vais.local.helper("))
        #expect(running.compare(with: part.manifest).refusals.isEmpty)
    }

    @Test("a function keeps its spare in later versions, and a newer one takes the next free one")
    func sparesAreKept() throws {
        let host = try host(source(closures: []), spares: 8)
        let first = try part(source(closures: ["|x: i64| x * k"]), against: host).get()
        let running = host.adoptingSpares(of: first.manifest)
        #expect(running.spareOwners == ["make.closure0": 0])
        #expect(running.entries["closure make.closure0"] == first.manifest.entries["closure make.closure0"])
        let second = try part(source(closures: ["|x: i64| x * k + 1"], usesHelper: true), against: running).get()
        #expect(second.manifest.spareOwners == ["helper": 1, "make.closure0": 0])
        #expect(running.compare(with: second.manifest).refusals.isEmpty)
    }

    @Test("a closure inserted before another of the same shape is refused: its source now sits under the next name")
    func insertedClosureOfSameShape() throws {
        let running = try host(source(closures: ["|x: i64| x + k"]), spares: 8)
        let inserted = try part(source(closures: ["|x: i64| x * k", "|x: i64| x + k"]), against: running).get()
        let refusals = running.compare(with: inserted.manifest).refusals
        #expect(refusals.count == 1)
        #expect(refusals.first?.hasPrefix("closure `make.closure0` now sits at `make.closure1`, unchanged: values of `make.closure0` made earlier "
            + "would run the code now written in its place; closures are named by their place in their function") == true, "\(refusals)")
        #expect(refusals.first?.hasSuffix("add new closures after the existing ones, or restart") == true)
        // An edit of the closure in its place is no move; nor is one added after it.
        let edited = try part(source(closures: ["|x: i64| x * k"]), against: running).get()
        #expect(running.compare(with: edited.manifest).refusals.isEmpty)
        let appended = try part(source(closures: ["|x: i64| x + k", "|x: i64| x * k"]), against: running).get()
        #expect(running.compare(with: appended.manifest).refusals.isEmpty)
    }

    @Test("the running manifest takes each loaded version's closure sources, so a move after an edit is still seen")
    func closureSourcesFollowEdits() throws {
        let host = try host(source(closures: ["|x: i64| x + k"]), spares: 8)
        let edited = try part(source(closures: ["|x: i64| x - k"]), against: host).get()
        let running = host.adoptingClosureSources(of: edited.manifest)
        #expect(running.entries["source make.closure0"] == edited.manifest.entries["source make.closure0"])
        let inserted = try part(source(closures: ["|x: i64| x * k", "|x: i64| x - k"]), against: running).get()
        #expect(host.compare(with: inserted.manifest).refusals.isEmpty, "against the host's own source, the move is not seen")
        #expect(running.compare(with: inserted.manifest).refusals.count == 1)
    }

    @Test("the pool used up refuses the edit, naming the function and saying a restart frees the pool")
    func poolUsedUp() throws {
        let host = try host(source(closures: []), spares: 1)
        let result = try part(source(closures: ["|x: i64| x * k"], usesHelper: true), against: host)
        guard case .failure(let exhausted) = result else {
            Issue.record("two new functions were given one spare")
            return
        }
        #expect(exhausted.functions == ["make.closure0"])
        #expect(exhausted.description.contains("`make.closure0` is new and needs a slot of its own"))
        #expect(exhausted.description.hasSuffix("all 1 of the running program's spare slots are taken by functions added earlier in this run; restart to free the pool"))
    }

    @Test("a new method lives in the part like a new function; a closure written in a new function is local too, with a spare and its captures")
    func newMethodAndLocalClosure() throws {
        let base = "S Box { n: i64 }\nX Box {\n    F get(&self) -> i64 = self.n\n}\nF identity(x: i64) -> i64 = x\nG keep: |i64| -> i64 = identity\n"
        let v1 = base + "#[hot]\nF update(b: *Box) -> i64 = b.get()\nF main() -> i64 {\n    b := Box { n: 1 }\n    update(&b)\n}\n"
        let v2 = base.replacingOccurrences(of: "    F get", with: "    F twice(&self) -> i64 = self.n * 2\n    F get")
            + "F adder(k: i64) -> |i64| -> i64 = |x| x + k\n"
            + "#[hot]\nF update(b: *Box) -> i64 {\n    keep = adder(b.twice())\n    0\n}\nF main() -> i64 {\n    b := Box { n: 1 }\n    update(&b)\n}\n"
        let running = try host(v1, spares: 4)
        let part = try part(v2, against: running).get()
        #expect(part.manifest.entries["local Box.twice"] != nil && part.manifest.entries["spare Box.twice"] == nil)
        #expect(part.ir.contains("call i64 @vais.local.Box.twice("))
        #expect(part.manifest.spareOwners == ["adder.closure0": 0])
        #expect(part.manifest.entries["closure adder.closure0"] == "size=8; k: i64 @0")
        #expect(part.ir.contains("define i64 @vais.local.adder.closure0("))
        #expect(running.compare(with: part.manifest).refusals.isEmpty)
    }

    @Test("a closure written in a new hot function is hot itself: the part holds it under its hot name, in a spare")
    func closureOfNewHotFunction() throws {
        let v1 = "F identity(x: i64) -> i64 = x\nG keep: |i64| -> i64 = identity\n#[hot]\nF update(k: i64) -> i64 = k\nF main() -> i64 = update(1)\n"
        let v2 = v1.replacingOccurrences(of: "#[hot]\nF update(k: i64) -> i64 = k", with: """
            #[hot]
            F times(k: i64) -> |i64| -> i64 = |x| x * k
            #[hot]
            F update(k: i64) -> i64 {
                keep = times(k)
                k
            }
            """)
        let running = try host(v1, spares: 4)
        let part = try part(v2, against: running).get()
        #expect(part.manifest.entries["local times"] != nil)
        #expect(part.manifest.spareOwners == ["times.closure0": 0])
        #expect(part.ir.contains("define i64 @vais.hot.times.closure0("))
        let closure = try #require(part.hotFunctions.first { $0.name == "times.closure0" })
        #expect(closure.hotSymbol == "vais.hot.times.closure0" && closure.slotSymbol == HotSplit.spareSlotSymbol(0))
        #expect(running.compare(with: part.manifest).refusals.isEmpty)
    }

    @Test("a host without spares refuses the edit, saying why")
    func noPool() throws {
        let host = try host(source(closures: []), spares: 0)
        let result = try part(source(closures: ["|x: i64| x * k"]), against: host)
        guard case .failure(let exhausted) = result else {
            Issue.record("a new closure was given a spare the host does not have")
            return
        }
        #expect(exhausted.description.contains("the running program has no spare slots"))
    }

    @Test("a closure inserted before one in a spare renames it: refused, saying to add new closures after the existing ones")
    func insertedClosureIsRefused() throws {
        let host = try host(source(closures: []), spares: 8)
        let first = try part(source(closures: ["|x: i64| x * k"]), against: host).get()
        let running = host.adoptingSpares(of: first.manifest)
        let inserted = try part(source(closures: ["|x: i64, y: i64| x * y", "|x: i64| x * k"]), against: running).get()
        let refusals = running.compare(with: inserted.manifest).refusals
        #expect(refusals.contains { $0.hasPrefix("`make.closure0` changed its signature from (*u8, i64) -> i64 to (i64, i64) -> i64") })
        #expect(refusals.allSatisfy { $0.hasSuffix("add new closures after the existing ones, or restart") })
    }

    @Test("a closure the host has, displaced by one inserted before it, is refused with the same advice")
    func insertedBeforeHostClosure() throws {
        let running = try host(source(closures: ["|x: i64| x * k"]), spares: 8)
        let inserted = try part(source(closures: ["|x: i64, y: i64| x * y", "|x: i64| x * k"]), against: running).get()
        let refusals = running.compare(with: inserted.manifest).refusals
        #expect(refusals.contains { $0.hasPrefix("hot function `make.closure0` changed its signature") })
        #expect(refusals.contains { $0.hasPrefix("closure `make.closure0` changed what it captures") })
        #expect(refusals.allSatisfy { $0.hasSuffix("add new closures after the existing ones, or restart") })
    }
}

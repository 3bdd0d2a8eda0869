import VaisSyntax

/// One digest per hot function of what its code depends on, so that a
/// reload rebuilds only the functions whose digest changed.
///
/// A hot function's code is its own source (with the closures inside it,
/// which are hot functions of their own) plus everything outside the hot
/// functions: types, globals, constants, other functions' signatures.
/// Calls to other hot functions go through their slots, so their bodies
/// are left out. With debug info, the line a function starts on is part of
/// it too: a function moved down by an edit above it carries new line
/// numbers in its DWARF.
///
/// With `runningHost`, a hot function new to it has no slot: hot code calls
/// its copy in each part directly (`HotPartLocals`), so its source is
/// context like any other function's, and it gets no digest of its own.
/// A new closure in a hot function has a slot, a spare one
/// (`HotPartSpares`), and a digest like the functions the host has slots for.
public enum HotFunctionDigest {
    public static func digests(of program: CheckedProgram, debugInfo: Bool, runningHost: ABIManifest? = nil) -> [String: String] {
        let model = program.model
        let locals = runningHost.map { HotPartLocals.functions(of: program, runningHost: $0) } ?? []
        let slotted = model.hotFunctions.filter { !locals.contains($0) }
        let spans = slotted.compactMap { model.function($0).declaration?.span }
        // A closure's span lies inside its function's: the outermost span
        // is the unit whose source an edit changes.
        let outermost = spans.filter { span in
            !spans.contains { $0 != span && $0.file == span.file && $0.start <= span.start && span.end <= $0.end }
        }
        let context = contextDigest(program.sources, leavingOut: outermost)
        var digests: [String: String] = [:]
        for id in slotted {
            let function = model.function(id)
            guard let own = function.declaration?.span else { continue }
            let span = outermost.first { $0.file == own.file && $0.start <= own.start && own.end <= $0.end } ?? own
            let file = program.sources[span.file]
            var hasher = SourceDigest.Hasher()
            hasher.combine(context.utf8)
            hasher.combine(file.path.utf8)
            hasher.combine(CollectionOfOne(0))
            if debugInfo {
                hasher.combine(String(file.lineAndColumn(of: span.start).line).utf8)
                hasher.combine(CollectionOfOne(0))
            }
            hasher.combine(file.bytes[Int(span.start)..<Int(span.end)])
            digests[function.name] = hasher.digest
        }
        return digests
    }

    /// Every file's path and bytes, without the hot functions' source.
    private static func contextDigest(_ sources: SourceManager, leavingOut spans: [SourceSpan]) -> String {
        var hasher = SourceDigest.Hasher()
        for file in sources.allFiles {
            hasher.combine(file.path.utf8)
            hasher.combine(CollectionOfOne(0))
            var position = 0
            for span in spans.filter({ $0.file == file.id }).sorted(by: { $0.start < $1.start }) {
                hasher.combine(file.bytes[position..<Int(span.start)])
                hasher.combine(CollectionOfOne(0))
                position = Int(span.end)
            }
            hasher.combine(file.bytes[position...])
        }
        return hasher.digest
    }
}

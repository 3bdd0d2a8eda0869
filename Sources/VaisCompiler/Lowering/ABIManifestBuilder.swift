/// Describes a checked program as an ABI manifest.
enum ABIManifestBuilder {
    /// `locals` are the functions a hot part defines for itself (`HotPartLocals`),
    /// `spares` the spare slot of each function that holds one (`HotPartSpares`).
    static func manifest(of program: CheckedProgram, layout: TypeLayout, locals: Set<FunctionID> = [], spares: [FunctionID: Int] = [:]) -> ABIManifest {
        let model = program.model
        var entries: [String: String] = [:]
        for id in locals { entries["local \(model.function(id).name)"] = "defined in this hot part" }
        for (index, function) in model.functions.enumerated() where function.kind == .vais {
            let signature = "(" + function.parameters.map(model.describe).joined(separator: ", ") + ") -> " + model.describe(function.result)
            if let spare = spares[FunctionID(raw: Int32(index))] {
                entries["spare \(function.name)"] = ABIManifest.spareEntry(index: spare, signature: signature)
            }
            // A closure of a function that is not hot is part of that
            // function's body: adding one is an edit of it, not a new function.
            if !function.isHot, model.closureCaptures[FunctionID(raw: Int32(index))] != nil { continue }
            if function.isHot {
                entries["hot \(function.name)"] = signature
            } else {
                entries["function \(function.name)"] = signature
                if let span = function.declaration?.span {
                    let bytes = program.sources[span.file].bytes[Int(span.start)..<Int(span.end)]
                    entries["body \(function.name)"] = SourceDigest.fnv1a(bytes)
                }
            }
        }
        for (index, structure) in model.structs.enumerated() {
            let offsets = layout.fieldOffsets(structure.fields.map(\.type))
            let members = zip(structure.fields, offsets).map { "\($0.name): \(model.describe($0.type)) @\($1)" }
            let size = layout.size(model.types.existing(.structure(StructID(raw: Int32(index)))))
            entries["struct \(structure.name)"] = (["size=\(size)"] + members).joined(separator: "; ")
        }
        for (index, enumeration) in model.enums.enumerated() {
            let size = layout.size(model.types.existing(.enumeration(EnumID(raw: Int32(index)))))
            let variants = enumeration.variants.map { "\($0.name)(" + $0.payload.map(model.describe).joined(separator: ", ") + ")" }
            entries["enum \(enumeration.name)"] = (["size=\(size)"] + variants).joined(separator: "; ")
        }
        // A closure made by one version and called after a reload runs the
        // newest body against the environment the old one filled in.
        for (function, captures) in model.closureCaptures where model.function(function).isHot || locals.contains(function) {
            let types = captures.map { model.locals[$0.inner.index].type }
            let (offsets, size) = layout.environmentLayout(types)
            let members = zip(captures, zip(types, offsets)).map { "\(model.locals[$0.inner.index].name): \(model.describe($1.0)) @\($1.1)" }
            entries["closure \(model.function(function).name)"] = (["size=\(size)"] + members).joined(separator: "; ")
            // Its source, which shows an insertion before it for what it
            // is: the same closure under the next name (`ABIManifest+ClosureSources`).
            if let span = model.function(function).span {
                let bytes = program.sources[span.file].bytes[Int(span.start)..<Int(span.end)]
                entries["source \(model.function(function).name)"] = SourceDigest.fnv1a(bytes)
            }
        }
        for global in model.globals where !global.isConstant {
            entries["global \(global.name)"] = model.describe(global.type)
        }
        if program.lenientMutability { entries[ABIManifest.lenientMutabilityKey] = "on" }
        return ABIManifest(entries: entries)
    }
}

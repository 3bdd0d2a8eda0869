/// Sizes, alignments and LLVM spellings of types, following the x86-64
/// System V layout that clang uses for the same LLVM types. A class, so
/// lowering shares one and its caches instead of copying the model. Every
/// type's spelling, alignment and enum payload is worked out at creation,
/// so afterwards it is only read, from any thread.
final class TypeLayout: @unchecked Sendable {
    let model: SemanticModel
    // Filled in `init` and only read afterwards, by several threads at once:
    // no access checks needed.
    /// Each type's spelling and alignment as pieces: lowering writes them
    /// into nearly every instruction (see `IRPiece`). `spellings` is read
    /// once complete; `spelled` is what `init` fills it from.
    @exclusivity(unchecked) private var spellings: [IRPiece] = []
    @exclusivity(unchecked) private var spelled: [IRPiece?]
    @exclusivity(unchecked) private var alignments: [Int]
    /// Each type's size, -1 until known: a struct's size walks its fields,
    /// and lowering asks for sizes at every copy and allocation.
    @exclusivity(unchecked) private var sizes: [Int]
    @exclusivity(unchecked) private var enumPayloadWords: [Int?]
    /// Each enum's payload struct per variant (`{ i64, %S.Item0 }`): a
    /// match or a `?` addresses payload fields over and over, and spelling
    /// the struct each time cost more than the instruction it went into.
    @exclusivity(unchecked) private var payloadPieces: [[IRPiece]] = []
    @exclusivity(unchecked) private var alignmentPieces: [IRPiece] = []
    /// The bytes of the spellings.
    private let pieceBytes = IRArena()

    init(model: SemanticModel) {
        self.model = model
        spelled = Array(repeating: nil, count: model.types.kinds.count)
        alignments = Array(repeating: 0, count: model.types.kinds.count)
        sizes = Array(repeating: -1, count: model.types.kinds.count)
        enumPayloadWords = Array(repeating: nil, count: model.enums.count)
        for index in model.enums.indices { _ = payloadWords(EnumID(raw: Int32(index))) }
        for index in model.types.kinds.indices {
            _ = spelledOnce(TypeID(Int32(index)))
            _ = alignment(TypeID(Int32(index)))
            _ = size(TypeID(Int32(index)))
        }
        spellings = spelled.map { $0 ?? "void" }
        alignmentPieces = alignments.map { pieceBytes.decimal($0) }
        payloadPieces = model.enums.map { symbol in
            symbol.variants.map { pieceBytes.join($0.payload.map(spelling), separator: ", ", prefix: "{ ", suffix: " }") }
        }
    }

    /// The LLVM spelling of a type.
    @inline(__always)
    func spelling(_ type: TypeID) -> IRPiece {
        let index = Int(type.raw)
        return index < spellings.count ? spellings[index] : spelledOnce(type)
    }

    /// The spelling of a type, computed once per type.
    private func spelledOnce(_ type: TypeID) -> IRPiece {
        let index = Int(type.raw)
        if index < spelled.count, let known = spelled[index] { return known }
        let spelling = spell(type)
        if index < spelled.count { spelled[index] = spelling }
        return spelling
    }

    /// The alignment as it is written in IR.
    @inline(__always)
    func alignmentSpelling(_ type: TypeID) -> IRPiece {
        alignmentPieces[Int(type.raw)]
    }

    /// The LLVM spelling of a type, for text built as a String.
    func llvmType(_ type: TypeID) -> String {
        spelling(type).text
    }

    private func spell(_ type: TypeID) -> IRPiece {
        switch model.types[type] {
        case .integer(let bits, _): return pieceBytes.name("i", bits)
        case .float(let bits): return bits == 32 ? "float" : "double"
        case .bool: return "i1"
        case .unit, .never, .error: return "void"
        case .str, .pointer: return "ptr"
        case .function: return "{ ptr, ptr }"
        case .array(let element, let count): return pieceBytes.join([pieceBytes.name("[", count), spelledOnce(element)], separator: " x ", prefix: "", suffix: "]")
        case .structure(let id): return pieceBytes.copy(SymbolMangling.mangle(model.structs[id.index].name), prefix: "%S.")
        case .enumeration(let id): return pieceBytes.copy(SymbolMangling.mangle(model.enums[id.index].name), prefix: "%E.")
        }
    }

    /// The LLVM body of an enum: an i32 tag, then the payload as i64 words.
    func enumBody(_ id: EnumID) -> String {
        let words = payloadWords(id)
        return words == 0 ? "{ i32 }" : "{ i32, [\(words) x i64] }"
    }

    func payloadWords(_ id: EnumID) -> Int {
        if id.index < enumPayloadWords.count, let known = enumPayloadWords[id.index] { return known }
        let largest = model.enums[id.index].variants.map { payloadSize($0.payload) }.max() ?? 0
        let words = (largest + 7) / 8
        if id.index < enumPayloadWords.count { enumPayloadWords[id.index] = words }
        return words
    }

    /// The LLVM struct type that overlays one variant's payload.
    func payloadType(_ id: EnumID, variant: Int) -> IRPiece {
        payloadPieces[id.index][variant]
    }

    private func payloadSize(_ payload: [TypeID]) -> Int {
        structSize(payload)
    }

    func size(_ type: TypeID) -> Int {
        let index = Int(type.raw)
        if index < sizes.count, sizes[index] >= 0 { return sizes[index] }
        let computed = computeSize(type)
        if index < sizes.count { sizes[index] = computed }
        return computed
    }

    private func computeSize(_ type: TypeID) -> Int {
        switch model.types[type] {
        case .integer(let bits, _): return bits / 8
        case .float(let bits): return bits / 8
        case .bool: return 1
        case .unit, .never, .error: return 0
        case .str, .pointer: return 8
        case .function: return 16
        case .array(let element, let count): return stride(element) * count
        case .structure(let id): return structSize(model.structs[id.index].fields.map(\.type))
        case .enumeration(let id):
            let words = payloadWords(id)
            return words == 0 ? 4 : 8 + words * 8
        }
    }

    /// The alignment in bytes, at least 1.
    func alignment(_ type: TypeID) -> Int {
        let index = Int(type.raw)
        if index < alignments.count, alignments[index] != 0 { return alignments[index] }
        let computed = max(1, computeAlignment(type))
        if index < alignments.count { alignments[index] = computed }
        return computed
    }

    private func computeAlignment(_ type: TypeID) -> Int {
        switch model.types[type] {
        case .integer(let bits, _): return max(1, bits / 8)
        case .float(let bits): return bits / 8
        case .bool, .unit, .never, .error: return 1
        case .str, .pointer, .function: return 8
        case .array(let element, _): return alignment(element)
        case .structure(let id): return model.structs[id.index].fields.map { alignment($0.type) }.max() ?? 1
        case .enumeration(let id): return payloadWords(id) == 0 ? 4 : 8
        }
    }

    func stride(_ type: TypeID) -> Int {
        let align = alignment(type)
        return (size(type) + align - 1) / align * align
    }

    /// The byte offset of each field of a struct.
    func fieldOffsets(_ fields: [TypeID]) -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        for field in fields {
            let align = alignment(field)
            offset = (offset + align - 1) / align * align
            offsets.append(offset)
            offset += size(field)
        }
        return offsets
    }

    /// Where a closure's captures sit in its environment, laid out as a
    /// struct of their types, and the environment's size.
    func environmentLayout(_ captures: [TypeID]) -> (offsets: [Int], size: Int) {
        (fieldOffsets(captures), structSize(captures))
    }

    private func structSize(_ fields: [TypeID]) -> Int {
        var offset = 0
        var maxAlign = 1
        for field in fields {
            let align = alignment(field)
            maxAlign = max(maxAlign, align)
            offset = (offset + align - 1) / align * align + size(field)
        }
        return (offset + maxAlign - 1) / maxAlign * maxAlign
    }
}

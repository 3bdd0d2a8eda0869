/// Every file of a program parsed into one arena: expressions, statements
/// and blocks live in flat arrays addressed by small integer IDs, so a tree
/// is a handful of allocations rather than one per node.
public struct SyntaxTree: Sendable {
    public internal(set) var exprs: [ExprNode] = []
    public internal(set) var stmts: [StmtNode] = []
    public internal(set) var blocks: [Block] = []
    /// What expression nodes refer to by ID: names, lists, types as written.
    public internal(set) var payloads = NodePayloads()
    /// Items in source order, each with the file it came from.
    public internal(set) var items: [(file: FileID, item: Item)] = []
    /// Type arguments written on a name or struct literal (`f<i64>(x)`,
    /// `Pair<i64, f64> { ... }`), by the expression's ID. Rare, so a side
    /// table rather than a field on every node.
    public internal(set) var typeArguments: [ExprID: [TypeSyntax]] = [:]
    /// Arguments of a generic trait named as a bound (`T: Into<f64>`), by
    /// the span of the bound's name.
    public internal(set) var boundArguments: [SourceSpan: [TypeSyntax]] = [:]
    /// The files written in the newer spelling (`fn`, `let`, `Int`), where
    /// a `Bool` is also an integer, 0 or 1 (see docs/LANGUAGE.md). A file
    /// is one when it has a `let` binding or names `Int`, `Bool`, `Char`,
    /// `Str` or `Float` as a type: noted by the parser as it reads them.
    public internal(set) var newerSpellingFiles: Set<FileID> = []
    /// The newer spelling's collection types (`Map`, `List`) named with
    /// type arguments somewhere, whose modules the loader then reads.
    public internal(set) var namedCollections: Set<String> = []
    /// The newer spelling's prelude functions (`PreludeFunctions`) called
    /// by name in a file of that spelling, which the loader then supplies.
    public internal(set) var calledPreludeFunctions: Set<String> = []

    public init() {}

    // Inlinable, so that callers in other modules read a node in place
    // instead of receiving a copy of it (with a retain per payload array).
    @inlinable public subscript(id: ExprID) -> ExprNode { exprs[id.index] }
    @inlinable public subscript(id: StmtID) -> StmtNode { stmts[id.index] }
    @inlinable public subscript(id: BlockID) -> Block { blocks[id.index] }

    /// Room for the nodes of about `tokens` more tokens (an expression per
    /// two, a statement per eight, a block per sixteen), so that the node
    /// arrays are not copied again and again as a file is parsed.
    /// At least doubling, as appending would: a program of many files
    /// must not copy its nodes once per file.
    mutating func reserveCapacity(forTokens tokens: Int) {
        Self.reserve(&exprs, more: tokens / 2)
        Self.reserve(&stmts, more: tokens / 8)
        Self.reserve(&blocks, more: tokens / 16)
    }

    private static func reserve<Node>(_ nodes: inout [Node], more: Int) {
        guard nodes.count + more > nodes.capacity else { return }
        nodes.reserveCapacity(max(nodes.count + more, 2 * nodes.capacity))
    }

    // Nodes are taken, not borrowed: appending a borrowed node copied it
    // (a retain of its payload) and its maker then destroyed the original.
    mutating func add(_ node: consuming ExprNode) -> ExprID {
        exprs.append(node)
        return ExprID(Int32(exprs.count - 1))
    }

    mutating func add(_ node: consuming StmtNode) -> StmtID {
        stmts.append(node)
        return StmtID(Int32(stmts.count - 1))
    }

    mutating func add(_ block: consuming Block) -> BlockID {
        blocks.append(block)
        return BlockID(Int32(blocks.count - 1))
    }

    /// Taken, not borrowed, as nodes are: a borrowed declaration was
    /// copied into the list, a retain per name and array it holds.
    mutating func add(item: consuming Item, file: FileID) {
        items.append((file, item))
    }

    /// Imports declared by one file, in order.
    public func imports(of file: FileID) -> [ImportDecl] {
        items.compactMap { entry in
            guard entry.file == file, case .importModule(let decl) = entry.item else { return nil }
            return decl
        }
    }
}

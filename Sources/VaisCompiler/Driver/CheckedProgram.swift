import VaisSyntax

/// A program that parsed and checked without errors, ready for lowering.
public struct CheckedProgram: Sendable {
    public let sources: SourceManager
    public let rootFile: FileID
    public let tree: SyntaxTree
    public let model: SemanticModel
    /// Checked with `CompileOptions.lenientMutability`: the ABI manifest
    /// records it, so that a `build --hot` executable rebuilds the same way.
    public let lenientMutability: Bool
}

/// A type as written in the source. Only the cases that hold a type
/// inline are indirect: a box per name read cost an allocation per type.
public enum TypeSyntax: Sendable {
    case named(Name)
    /// `Pair<i64, f64>`: a generic type with its arguments.
    case generic(Name, [TypeSyntax], SourceSpan)
    indirect case pointer(TypeSyntax, SourceSpan)
    indirect case reference(TypeSyntax, mutable: Bool, SourceSpan)
    indirect case array(TypeSyntax, length: ExprID, SourceSpan)
    indirect case function(parameters: [TypeSyntax], result: TypeSyntax?, SourceSpan)
    case unit(SourceSpan)
    /// `(i64, f64)`.
    case tuple([TypeSyntax], SourceSpan)
    case error(SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .named(let name): return name.span
        case .pointer(_, let span), .reference(_, _, let span), .array(_, _, let span),
             .function(_, _, let span), .unit(let span), .error(let span), .generic(_, _, let span), .tuple(_, let span):
            return span
        }
    }
}

/// A pattern of a match arm.
public indirect enum Pattern: Sendable {
    case wildcard(SourceSpan)
    case binding(Name)
    case integer(Int64, SourceSpan)
    case bool(Bool, SourceSpan)
    case range(lower: Int64, upper: Int64, inclusive: Bool, SourceSpan)
    /// `Enum.Variant(a, b)` or `Variant(a, b)` or a unit variant.
    case variant(enumName: Name?, variant: Name, fields: [Pattern], SourceSpan)
    case alternatives([Pattern], SourceSpan)
    /// `(a, 0, _)`: a tuple's elements, one pattern each.
    case tuple([Pattern], SourceSpan)
    case error(SourceSpan)

    public var span: SourceSpan {
        switch self {
        case .wildcard(let span), .integer(_, let span), .bool(_, let span), .range(_, _, _, let span),
             .variant(_, _, _, let span), .alternatives(_, let span), .tuple(_, let span), .error(let span):
            return span
        case .binding(let name):
            return name.span
        }
    }
}

import VaisSyntax

/// Whether the arms of a match cover every value, looking into tuples and
/// variant payloads: `(true, _)` and `(false, _)` cover a `(bool, T)`,
/// `Some((_, true))`, `Some((_, false))` and `None` an `Option<(T, bool)>`.
/// Integers, floats and strings are covered only by an arm that takes any
/// value. Rows of patterns are split by the first column's cases in turn.
/// An arm with a guard covers nothing: its condition may fail.
extension Checker {
    func isExhaustive(_ allArms: ArmList, _ type: TypeID) -> Bool {
        // Most matches have no guard: their arms are read in place, not copied.
        guard allArms.contains(where: { $0.condition != nil }) else { return isExhaustive(unguarded: allArms, type) }
        return isExhaustive(unguarded: allArms.filter { $0.condition == nil }, type)
    }

    private func isExhaustive<Arms: Sequence<MatchArm>>(unguarded arms: Arms, _ type: TypeID) -> Bool {
        if arms.contains(where: { isIrrefutable($0.pattern) }) || coversEveryVariant(arms, type) { return true }
        var budget = 20_000
        return covers(arms.map { [$0.pattern] }, [type], budget: &budget)
    }

    /// The common case, answered without building rows: an enum's arms
    /// that each take a whole variant, and name them all.
    private func coversEveryVariant<Arms: Sequence<MatchArm>>(_ arms: Arms, _ type: TypeID) -> Bool {
        guard case .enumeration(let enumID) = model.types[type] else { return false }
        var covered = IndexFlags()
        for arm in arms {
            let index: Int?
            switch arm.pattern {
            case .binding(let name):
                index = model.variantPatterns.isEmpty ? nil : model.variantPatterns[name.span]
            case .variant(_, let variant, let fields, _) where fields.allSatisfy({ isIrrefutable($0) }):
                index = model.enums[enumID.index].variantIndex(variant.text)
            default:
                continue
            }
            if let index { covered.insert(index) }
        }
        return covered.count == model.enums[enumID.index].variants.count
    }

    /// Whether `rows` (patterns for values of `types`, one a column) cover
    /// every list of values. Past `budget` steps the answer is no: a `_`
    /// arm settles it.
    private func covers(_ rows: [[Pattern]], _ types: [TypeID], budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        guard let type = types.first else { return !rows.isEmpty }
        let rest = Array(types.dropFirst())
        let rows = rows.flatMap { row in alternatives(row[0]).map { [$0] + row.dropFirst() } }
        if let elements = tupleElements(type) {
            let expanded = rows.compactMap { row -> [Pattern]? in
                if case .tuple(let fields, _) = row[0], fields.count == elements.count { return fields + row.dropFirst() }
                return isIrrefutable(row[0]) ? wildcards(elements.count) + row.dropFirst() : nil
            }
            return covers(expanded, elements + rest, budget: &budget)
        }
        switch model.types[type] {
        case .bool:
            return [true, false].allSatisfy { value in
                let matching = rows.compactMap { row -> [Pattern]? in
                    if case .bool(let literal, _) = row[0] { return literal == value ? Array(row.dropFirst()) : nil }
                    return isIrrefutable(row[0]) ? Array(row.dropFirst()) : nil
                }
                return covers(matching, rest, budget: &budget)
            }
        case .enumeration(let enumID):
            let variants = model.enums[enumID.index].variants
            return variants.indices.allSatisfy { index in
                let payload = variants[index].payload
                let matching = rows.compactMap { row -> [Pattern]? in
                    switch row[0] {
                    case .variant(_, let name, let fields, _) where fields.count == payload.count:
                        return model.enums[enumID.index].variantIndex(name.text) == index ? fields + row.dropFirst() : nil
                    case .binding(let name) where model.variantPatterns[name.span] != nil:
                        return model.variantPatterns[name.span] == index ? wildcards(payload.count) + row.dropFirst() : nil
                    default:
                        return isIrrefutable(row[0]) ? wildcards(payload.count) + row.dropFirst() : nil
                    }
                }
                return covers(matching, payload + rest, budget: &budget)
            }
        default:
            return covers(rows.filter { isIrrefutable($0[0]) }.map { Array($0.dropFirst()) }, rest, budget: &budget)
        }
    }

    private func alternatives(_ pattern: Pattern) -> [Pattern] {
        if case .alternatives(let patterns, _) = pattern { return patterns.flatMap { alternatives($0) } }
        return [pattern]
    }

    private func wildcards(_ count: Int) -> [Pattern] {
        Array(repeating: .wildcard(SourceSpan(file: FileID(0), start: 0, end: 0)), count: count)
    }
}

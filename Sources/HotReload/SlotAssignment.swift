/// What every slot runs once a version is swapped in: for each hot
/// function, the version holding the code its slot points at, and the
/// digest (`HotFunctionDigest`) of the source that code was built from.
/// A partial version holds only the functions an edit changed, so one
/// assignment can point into several versions.
struct SlotAssignment {
    var code: [String: LoadedVersion]
    var digests: [String: String]

    /// Every slot on `version`, which holds every hot function (the first).
    init(whole version: LoadedVersion, digests: [String: String]) {
        code = version.entryPoints.mapValues { _ in version }
        self.digests = digests
    }

    /// This assignment with the functions `version` holds moved onto it.
    /// Only their digests change: the others still run the code they ran.
    func overlaid(with version: LoadedVersion, digests newer: [String: String]) -> SlotAssignment {
        var result = self
        for name in version.entryPoints.keys {
            result.code[name] = version
            result.digests[name] = newer[name]
        }
        return result
    }

    /// This assignment, with the slots it does not name (spares taken by
    /// later versions) left on the code `later` gives them: a rollback to a
    /// version from before a spare was taken keeps the spare's function, so
    /// that values of it made since still reach code that stays mapped.
    func keepingSlots(from later: SlotAssignment) -> SlotAssignment {
        var result = self
        for (name, version) in later.code where result.code[name] == nil {
            result.code[name] = version
            result.digests[name] = later.digests[name]
        }
        return result
    }

    /// Whether a slot of this assignment points into `version`.
    func uses(_ version: LoadedVersion) -> Bool {
        code.values.contains { $0 === version }
    }
}

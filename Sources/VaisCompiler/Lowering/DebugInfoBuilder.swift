import Foundation
import VaisSyntax

/// Builds the DWARF metadata (`-g`): a compile unit, a file per source file,
/// a subprogram per function and a location per statement and call, so
/// debuggers and libdw map addresses to `file.vais:line`.
final class DebugInfoBuilder {
    private let sources: SourceManager
    private var nodes: [String] = []
    private var fileNodes: [FileID: Int] = [:]
    private var locationNodes: [LocationKey: Int] = [:]
    private let compileUnit: Int
    private let subroutineType: Int

    private struct LocationKey: Hashable {
        let line: Int
        let column: Int
        let scope: Int
    }

    init(sources: SourceManager, rootFile: FileID) {
        self.sources = sources
        compileUnit = 0
        nodes.append("")
        subroutineType = 1
        nodes.append("!DISubroutineType(types: !{})")
        let file = fileNode(rootFile)
        nodes[compileUnit] = "distinct !DICompileUnit(language: DW_LANG_C99, file: !\(file), producer: \"vais-hot\", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)"
    }

    private func add(_ node: String) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    func fileNode(_ file: FileID) -> Int {
        if let existing = fileNodes[file] { return existing }
        let path = URL(fileURLWithPath: sources[file].path).standardizedFileURL.path
        let slash = path.lastIndex(of: "/")
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let id = add("!DIFile(filename: \(IRText.metadataString(name)), directory: \(IRText.metadataString(directory.isEmpty ? "/" : directory)))")
        fileNodes[file] = id
        return id
    }

    func lineAndColumn(_ span: SourceSpan) -> (Int, Int) {
        sources[span.file].lineAndColumn(of: span.start)
    }

    /// A subprogram for a function defined at `span`.
    func subprogram(name: String, linkageName: String, span: SourceSpan) -> Int {
        let file = fileNode(span.file)
        let (line, _) = lineAndColumn(span)
        return add("distinct !DISubprogram(name: \(IRText.metadataString(name)), linkageName: \(IRText.metadataString(linkageName)), scope: !\(file), file: !\(file), line: \(line), type: !\(subroutineType), scopeLine: \(line), spFlags: DISPFlagDefinition, unit: !\(compileUnit))")
    }

    func location(line: Int, column: Int, scope: Int) -> Int {
        let key = LocationKey(line: line, column: column, scope: scope)
        if let existing = locationNodes[key] { return existing }
        let id = add("!DILocation(line: \(line), column: \(column), scope: !\(scope))")
        locationNodes[key] = id
        return id
    }

    var moduleTrailer: String {
        let flagsBase = nodes.count
        var text = "!llvm.dbg.cu = !{!\(compileUnit)}\n"
        text += "!llvm.module.flags = !{!\(flagsBase), !\(flagsBase + 1)}\n"
        for (index, node) in nodes.enumerated() { text += "!\(index) = \(node)\n" }
        text += "!\(flagsBase) = !{i32 7, !\"Dwarf Version\", i32 5}\n"
        text += "!\(flagsBase + 1) = !{i32 2, !\"Debug Info Version\", i32 3}\n"
        return text
    }
}

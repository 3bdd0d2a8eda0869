import CElf
import Foundation

/// Reads an ELF file's sections with libelf: their sizes (for memory
/// reports) and the contents of one section (the ABI manifest), without
/// loading the file.
public struct ELFInspector: Sendable {
    public struct Section: Sendable, Equatable {
        public let name: String
        public let size: UInt64
        /// Whether the section is mapped into memory when loaded.
        public let isAllocated: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String)
        case notELF(String)

        public var description: String {
            switch self {
            case .cannotOpen(let path): return "cannot open \(path)"
            case .notELF(let path): return "\(path) is not a readable ELF file: \(String(cString: elf_errmsg(-1)))"
            }
        }
    }

    public let sections: [Section]
    private let contents: [String: [UInt8]]

    /// Reads every section header of `path`, and the bytes of the sections
    /// named in `reading`.
    public init(path: String, reading wanted: Set<String> = []) throws {
        elf_version(UInt32(EV_CURRENT))
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure.cannotOpen(path) }
        defer { close(descriptor) }
        guard let elf = elf_begin(descriptor, ELF_C_READ, nil) else { throw Failure.notELF(path) }
        defer { elf_end(elf) }
        var stringTableIndex = 0
        guard elf_getshdrstrndx(elf, &stringTableIndex) == 0 else { throw Failure.notELF(path) }
        var sections: [Section] = []
        var contents: [String: [UInt8]] = [:]
        var scn = elf_nextscn(elf, nil)
        while let section = scn {
            var header = GElf_Shdr()
            if gelf_getshdr(section, &header) != nil, let rawName = elf_strptr(elf, stringTableIndex, Int(header.sh_name)) {
                let name = String(cString: rawName)
                sections.append(Section(name: name, size: header.sh_size, isAllocated: header.sh_flags & UInt64(SHF_ALLOC) != 0))
                if wanted.contains(name), let data = elf_getdata(section, nil), let buffer = data.pointee.d_buf {
                    contents[name] = Array(UnsafeRawBufferPointer(start: buffer, count: data.pointee.d_size))
                }
            }
            scn = elf_nextscn(elf, section)
        }
        self.sections = sections
        self.contents = contents
    }

    /// The bytes of a section read at init, without a trailing NUL.
    public func contents(of name: String) -> [UInt8]? {
        guard var bytes = contents[name] else { return nil }
        while bytes.last == 0 { bytes.removeLast() }
        return bytes
    }
}

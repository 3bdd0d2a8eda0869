import Documents
import Foundation

/// One hot part in memory: its number, its file, its `dlopen` handle and
/// the address of each hot function in it.
public final class LoadedVersion: @unchecked Sendable {
    public let number: Int
    public let path: String
    let handle: UnsafeMutableRawPointer
    /// Entry points by hot function name.
    public let entryPoints: [String: UnsafeMutableRawPointer]
    /// Tracing trampolines and their statistics blocks, by hot function name.
    public let traceEntryPoints: [String: UnsafeMutableRawPointer]
    public let traceSites: [String: UnsafeMutableRawPointer]
    /// Where a tracer stores its entry and exit hooks for this version.
    public let traceHooks: UnsafeMutableRawPointer?
    /// The addresses its code and data occupy, to attribute a crash or a
    /// stack frame to it.
    public let addressRange: Range<UInt>
    public let bodyHashes: [String: String]
    public let timings: VersionLoader.Timings
    /// Its file's size and the sizes of the sections mapped when loaded,
    /// read with the ABI manifest, for memory reports.
    public let fileBytes: UInt64
    public let sections: [SectionSize]

    init(number: Int, path: String, handle: UnsafeMutableRawPointer, entryPoints: [String: UnsafeMutableRawPointer],
         traceEntryPoints: [String: UnsafeMutableRawPointer], traceSites: [String: UnsafeMutableRawPointer], traceHooks: UnsafeMutableRawPointer?,
         addressRange: Range<UInt>, bodyHashes: [String: String], timings: VersionLoader.Timings, fileBytes: UInt64, sections: [SectionSize]) {
        self.number = number
        self.path = path
        self.handle = handle
        self.entryPoints = entryPoints
        self.traceEntryPoints = traceEntryPoints
        self.traceSites = traceSites
        self.traceHooks = traceHooks
        self.addressRange = addressRange
        self.bodyHashes = bodyHashes
        self.timings = timings
        self.fileBytes = fileBytes
        self.sections = sections
    }

    public func contains(_ address: UInt) -> Bool { addressRange.contains(address) }

    /// The address of a symbol the hot part defines (`dlsym` in it).
    public func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }
}

import Foundation

/// One hot part in memory: its number, its file, its `dlopen` handle and
/// the address of each hot function in it.
public final class LoadedVersion: @unchecked Sendable {
    public let number: Int
    public let path: String
    let handle: UnsafeMutableRawPointer
    /// Entry points by hot function name.
    public let entryPoints: [String: UnsafeMutableRawPointer]
    /// The addresses its code and data occupy, to attribute a crash or a
    /// stack frame to it.
    public let addressRange: Range<UInt>
    public let bodyHashes: [String: String]
    public let timings: VersionLoader.Timings

    init(number: Int, path: String, handle: UnsafeMutableRawPointer, entryPoints: [String: UnsafeMutableRawPointer],
         addressRange: Range<UInt>, bodyHashes: [String: String], timings: VersionLoader.Timings) {
        self.number = number
        self.path = path
        self.handle = handle
        self.entryPoints = entryPoints
        self.addressRange = addressRange
        self.bodyHashes = bodyHashes
        self.timings = timings
    }

    public func contains(_ address: UInt) -> Bool { addressRange.contains(address) }
}

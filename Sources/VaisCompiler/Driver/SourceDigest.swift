/// A fast, stable 64-bit hash (FNV-1a) of source text, to tell whether a
/// file or a function changed between two builds.
///
/// Every reload hashes the program's files twice and every function's body
/// once, hundreds of kilobytes with the standard library: bytes in
/// contiguous storage are hashed in a loop over a buffer, never through
/// the generic iterator (a protocol call per byte across modules, which
/// once took half of a reload's own instructions).
public enum SourceDigest {
    public static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = Hasher()
        hasher.combine(bytes)
        return hasher.digest
    }

    /// FNV-1a over bytes given in pieces: the digest of their concatenation.
    public struct Hasher {
        private var hash: UInt64 = 0xCBF2_9CE4_8422_2325

        public init() {}

        public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            let hashed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                var hash = self.hash
                for byte in buffer {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01B3
                }
                self.hash = hash
            }
            guard hashed == nil else { return }
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01B3
            }
        }

        /// The hash so far, in lowercase hex.
        public var digest: String { String(hash, radix: 16) }
    }
}

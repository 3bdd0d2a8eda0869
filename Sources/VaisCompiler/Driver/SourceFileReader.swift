import Foundation

/// Reads a source file whole, and says why when it cannot: the system's
/// reason (errno's text), which `FileManager.contents(atPath:)` drops.
enum SourceFileReader {
    static func read(_ path: String) -> Result<[UInt8], SourceReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(SourceReadFailure(code: errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(SourceReadFailure(code: errno))
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}

struct SourceReadFailure: Error {
    let code: Int32
    var reason: String { String(cString: strerror(code)) }
}

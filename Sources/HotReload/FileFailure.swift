import Foundation

/// A file-system operation that failed, said in one line: what, on which
/// path, and the system's reason ("cannot write out/x.ll: No space left on
/// device"), instead of the NSError that Foundation throws.
public struct FileFailure: Error, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let reason: String

    public init(_ operation: String, path: String, errno code: Int32) {
        self.operation = operation
        self.path = path
        reason = String(cString: strerror(code))
    }

    /// What `error` says, with the path it names if it names one (a
    /// Foundation error often names a file below `path`).
    public init(_ operation: String, path: String, error: any Error) {
        self.operation = operation
        let details = error as NSError
        self.path = details.userInfo[NSFilePathErrorKey] as? String ?? (details.userInfo[NSURLErrorKey] as? URL)?.path ?? path
        reason = Self.reason(of: details)
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }

    /// Runs a Foundation file operation, turning what it throws into a
    /// `FileFailure`.
    public static func attempt<T>(_ operation: String, _ path: String, _ body: () throws -> T) throws(FileFailure) -> T {
        do {
            return try body()
        } catch {
            throw FileFailure(operation, path: path, error: error)
        }
    }

    /// `error` in one line: a Foundation file error as a `FileFailure`
    /// (reading or writing, as its code says), anything else as it
    /// describes itself.
    public static func oneLine(_ error: any Error, path: String = "") -> String {
        readable(error).map(\.description) ?? "\(error)"
    }

    /// `error` as a `FileFailure` when it is a Foundation file error.
    public static func readable(_ error: any Error, path: String = "") -> FileFailure? {
        if let failure = error as? FileFailure { return failure }
        let details = error as NSError
        guard details.domain == NSCocoaErrorDomain || details.domain == NSPOSIXErrorDomain else { return nil }
        // Cocoa's file error codes: 256-511 reading, 512-1023 writing.
        let operation = details.domain == NSCocoaErrorDomain && (256..<512).contains(details.code) ? "read" : "write"
        return FileFailure(operation, path: path, error: error)
    }

    /// The POSIX reason under a Foundation error (errno's text), else its
    /// own message.
    private static func reason(of error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        // On Linux the underlying error is stored as a Swift error, which only bridges through `any Error`.
        if let stored = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            let underlying = stored as NSError
            if underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        }
        return error.localizedDescription
    }
}

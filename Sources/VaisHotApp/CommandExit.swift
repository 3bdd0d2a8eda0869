/// How a use case ends its command early: what to tell the user (on
/// stderr) and the exit code. The command line turns it into its exit.
public struct CommandExit: Error {
    public let message: String?
    public let code: Int32

    public init(_ message: String?, code: Int32 = 1) {
        self.message = message
        self.code = code
    }
}

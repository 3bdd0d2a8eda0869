/// A benchmark's setup found the program not as the benchmark expects.
public struct SetupFailure: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

import ArgumentParser
import VaisHotApp

/// Runs a use case; a `CommandExit` it throws is said on stderr and
/// becomes the command's exit code.
func perform<T>(_ useCase: () throws -> T) throws -> T {
    do {
        return try useCase()
    } catch let exit as CommandExit {
        if let message = exit.message { Terminal.error(message) }
        throw ExitCode(exit.code)
    }
}

import CFuzzerDriver
import Foundation

/// Runs libFuzzer on the front end with the command line's libFuzzer flags
/// (corpus folders, -max_total_time=, -artifact_prefix=, ...).
var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argumentCount, &arguments, frontEndFuzzerTestOneInput))

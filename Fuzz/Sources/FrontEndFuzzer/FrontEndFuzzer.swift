import VaisCompiler

/// One input, any bytes, through the whole front end (parse, check,
/// lowering to IR). Whatever the input, the compiler must answer with
/// diagnostics or a program; a crash, a trap or a hang is a bug, which
/// libFuzzer saves as `crash-…` or `timeout-…`.
func frontEndFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let result = Compiler.compile(source: bytes, path: "/nonexistent/fuzz.vais")
    // An accepted input comes with IR, a rejected one with an error; anything else is a bug too.
    if result.hasErrors == (result.ir != nil) { fatalError("the front end neither rejected nor compiled the input") }
    return 0
}

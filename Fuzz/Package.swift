// swift-tools-version: 6.1
// A coverage-guided fuzzer for the vais-hot front end, in a package of its
// own: it is built with `-sanitize=fuzzer` (coverage instrumentation in
// every module, and libFuzzer's runtime linked in), which the main
// package's build and tests must not need. `make fuzz` builds and runs it:
//
//     cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer
import PackageDescription

let package = Package(
    name: "vais-hot-fuzz",
    dependencies: [
        .package(name: "vais-hot", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "FrontEndFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "VaisCompiler", package: "vais-hot")],
            // gold, swift build's default linker here, stops with an internal error
            // (dwarf_reader.cc:2713) on libFuzzer's runtime; lld links it.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)

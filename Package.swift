// swift-tools-version: 6.1
import PackageDescription

/// The runtime API of std/hot.vais: a Vais program loaded by `vais-hot run`
/// links these against the vais-hot executable, so it exports them.
let runtimeSymbols = [
    "hot_init", "hot_check", "hot_reload", "hot_version", "hot_on_reload", "hot_cleanup", "hot_start", "hot_loop",
]

/// Where Debian's llvm-16-dev and liblld-16-dev put LLVM 16 and lld.
let llvmFolder = "/usr/lib/llvm-16"

let package = Package(
    name: "vais-hot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vais-hot", targets: ["vais-hot"]),
        .library(name: "VaisSyntax", targets: ["VaisSyntax"]),
        .library(name: "VaisCompiler", targets: ["VaisCompiler"]),
        .library(name: "HotReload", targets: ["HotReload"]),
        .library(name: "VaisWorkloads", targets: ["VaisWorkloads"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "SystemProbes", targets: ["SystemProbes"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Tracing", targets: ["Tracing"]),
        .library(name: "VaisHotRuntime", type: .dynamic, targets: ["HotRuntime"]),
        .library(name: "VaisBackend", type: .dynamic, targets: ["VaisBackend"]),
        // libVaisProgramRuntime.a: the original's runtime functions, linked into every program vais-hot builds or hosts.
        .library(name: "VaisProgramRuntime", type: .static, targets: ["CProgramRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "VaisSyntax"),
        .target(name: "VaisCompiler", dependencies: ["VaisSyntax"]),
        .systemLibrary(name: "CElf", pkgConfig: "libelf", providers: [.apt(["libelf-dev"])]),
        .systemLibrary(name: "CDw", pkgConfig: "libdw", providers: [.apt(["libdw-dev"])]),
        .target(name: "CHotSupport"),
        .target(name: "CBenchSupport"),
        .target(name: "CProgramRuntime"),
        .target(name: "CUnwind", linkerSettings: [.linkedLibrary("unwind")]),
        // The JSON documents every report is written from: profile, trace, bench run.
        .target(name: "Documents"),
        // The clock, /proc, ELF inspection and the recorder: what measuring reads.
        .target(name: "SystemProbes", dependencies: ["Documents", "CElf"]),
        .target(name: "HotReload", dependencies: ["VaisSyntax", "VaisCompiler", "Documents", "SystemProbes", "CHotSupport", "CUnwind"]),
        // libVaisBackend.so: LLVM 16 and lld as libraries (Debian's llvm-16-dev
        // and liblld-16-dev; lld only ships static archives). vais-hot loads it
        // with dlopen, so a machine without LLVM 16 falls back to the clang
        // and ld.lld processes.
        .target(
            name: "VaisBackend",
            cxxSettings: [.unsafeFlags(["-I\(llvmFolder)/include", "-fno-rtti", "-fno-exceptions"])],
            linkerSettings: [
                .unsafeFlags(["-L\(llvmFolder)/lib"]),
                .linkedLibrary("lldELF"), .linkedLibrary("lldCommon"), .linkedLibrary("LLVM-16"),
                .linkedLibrary(":libz.so.1"), .linkedLibrary(":libzstd.so.1"),
            ]
        ),
        .target(name: "HotRuntime", dependencies: ["HotReload"]),
        .target(name: "CTraceRuntime", linkerSettings: [.linkedLibrary("unwind")]),
        .target(name: "Tracing", dependencies: ["Documents", "SystemProbes", "HotReload", "CDw", "CTraceRuntime"]),
        .target(name: "Reporting", dependencies: ["Documents"], resources: [.process("Resources")]),
        .target(name: "VaisWorkloads"),
        // The use cases (run, watch, build, check, profile, trace, report, bench), each taking one BuildRecipe.
        .target(name: "VaisHotApp", dependencies: [
            "VaisSyntax", "VaisCompiler", "HotReload", "HotRuntime", "Documents", "SystemProbes", "Tracing", "Reporting", "VaisWorkloads", "CHotSupport",
            "CBenchSupport",
        ]),
        .executableTarget(
            name: "vais-hot",
            dependencies: [
                "VaisHotApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags(runtimeSymbols.flatMap { ["-Xlinker", "--export-dynamic-symbol=\($0)"] })]
        ),
        .testTarget(name: "VaisSyntaxTests", dependencies: ["VaisSyntax"]),
        .testTarget(name: "VaisCompilerTests", dependencies: ["VaisSyntax", "VaisCompiler", "VaisWorkloads", "TestSupport"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HotReloadTests", dependencies: ["HotReload", "VaisCompiler", "Documents", "SystemProbes", "TestSupport"]),
        .testTarget(name: "VaisHotAppTests", dependencies: ["VaisHotApp", "HotReload", "VaisSyntax", "VaisCompiler", "Documents", "SystemProbes", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Documents", "TestSupport"]),
        .testTarget(name: "TracingTests", dependencies: ["Tracing", "HotReload", "VaisCompiler", "Documents", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["VaisSyntax", "VaisCompiler", "HotReload", "SystemProbes", "VaisWorkloads", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

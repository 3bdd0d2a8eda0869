// swift-tools-version: 6.1
// Benchmarks for vais-hot, kept in a package of their own (as swift-nio does)
// so that the main package does not depend on package-benchmark.
//
//     cd Benchmarks && swift package benchmark
//
// The benchmark targets live in Benchmarks/<Target>/, where the benchmark
// plugin looks for them.
import PackageDescription

let package = Package(
    name: "vais-hot-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "vais-hot", path: ".."),
        // ordo-one/benchmark, formerly package-benchmark. The trait list
        // replaces the default traits: it keeps the malloc interposer and
        // leaves out the Swift 6.3 Linux runtime interposer (ARC metrics
        // only), a package that cannot be fetched here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // What the benchmark targets share: tolerances, the call loop, the setup error.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Support/BenchmarkSupport"
        ),
        .executableTarget(
            name: "CompilerBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaisCompiler", package: "vais-hot"),
                .product(name: "VaisWorkloads", package: "vais-hot"),
                .product(name: "HotReload", package: "vais-hot"),
            ],
            path: "Benchmarks/CompilerBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "ReloadBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaisCompiler", package: "vais-hot"),
                .product(name: "HotReload", package: "vais-hot"),
            ],
            path: "Benchmarks/ReloadBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "TraceBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaisCompiler", package: "vais-hot"),
                .product(name: "HotReload", package: "vais-hot"),
                .product(name: "Tracing", package: "vais-hot"),
            ],
            path: "Benchmarks/TraceBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

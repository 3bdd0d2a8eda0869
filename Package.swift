// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "vais-hot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vais-hot", targets: ["vais-hot"]),
        .library(name: "VaisSyntax", targets: ["VaisSyntax"]),
        .library(name: "VaisCompiler", targets: ["VaisCompiler"]),
        .library(name: "HotReload", targets: ["HotReload"]),
        .library(name: "VaisWorkloads", targets: ["VaisWorkloads"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "VaisSyntax"),
        .target(name: "VaisCompiler", dependencies: ["VaisSyntax"]),
        .target(name: "HotReload", dependencies: ["VaisCompiler"]),
        .target(name: "VaisWorkloads"),
        .executableTarget(
            name: "vais-hot",
            dependencies: [
                "VaisSyntax", "VaisCompiler", "HotReload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VaisSyntaxTests", dependencies: ["VaisSyntax"]),
        .testTarget(name: "VaisCompilerTests", dependencies: ["VaisCompiler", "VaisWorkloads"]),
        .testTarget(name: "EndToEndTests", dependencies: ["VaisCompiler", "HotReload"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Baseline",
  products: [
    .library(name: "BaselineKit", targets: ["BaselineKit"]),
    .library(name: "Git", targets: ["Git"]),
    .library(name: "BaselineHistory", targets: ["BaselineHistory"]),
    .executable(name: "baseline", targets: ["baseline"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibGit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    .target(name: "Git", dependencies: ["CLibGit2"]),
    .target(name: "CProbeSpawn"),
    .target(
      name: "BaselineKit",
      dependencies: [
        "Git", "CProbeSpawn", .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "BaselineHistory",
      dependencies: [
        "BaselineKit", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]
    ),
    .executableTarget(
      name: "baseline",
      dependencies: [
        "BaselineKit", "BaselineHistory",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "baseline-benchmark",
      dependencies: ["BaselineKit", "Git", "BaselineTestSupport", "CProbeSpawn"]),
    .target(
      name: "BaselineTestSupport", dependencies: ["CProbeSpawn"], path: "Tests/BaselineTestSupport"),
    .testTarget(name: "GitTests", dependencies: ["Git", "BaselineTestSupport"]),
    .testTarget(
      name: "BaselineKitTests",
      dependencies: [
        "BaselineKit", "Git", "BaselineTestSupport", .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "BaselineHistoryTests",
      dependencies: ["BaselineHistory", "BaselineKit", "BaselineTestSupport"]),
    .testTarget(name: "baselineTests", dependencies: ["baseline", "BaselineTestSupport"]),
  ]
)

for target in package.targets where target.type != .system && target.name != "CProbeSpawn" {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
  target.swiftSettings = settings
}

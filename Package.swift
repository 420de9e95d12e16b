// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Herald",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "herald", targets: ["herald"]),
        .executable(name: "herald-fuzz", targets: ["HeraldFuzz"]),
        .executable(name: "herald-bench-data", targets: ["HeraldBenchData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        // Gives libmicrohttpd's own error answers the security headers (see its source file).
        .target(name: "MHDResponseHook", dependencies: ["CMicroHTTPD"]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // libvips' variadic calls behind plain C functions Swift can call.
        .target(name: "HeraldVips", dependencies: ["CVips"]),
        // The media directory: uploads checked by their bytes, renditions made with libvips.
        .target(name: "Media", dependencies: ["HeraldVips", "HeraldCrypto", "HeraldSupport", "NewsCore"]),
        // argon2id password hashes, random tokens and digests, through libsodium.
        .target(name: "HeraldCrypto", dependencies: ["CSodium"]),
        // Small shared pieces with no domain: a read-mostly lock, concurrent map, civil time, escaping.
        .target(name: "HeraldSupport"),
        .target(
            name: "HTTPServer",
            dependencies: ["CMicroHTTPD", "MHDResponseHook", "CZlib", "HeraldSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "NewsCore", dependencies: ["HeraldSupport"]),
        .target(
            name: "NewsStore",
            dependencies: ["NewsCore", "HeraldSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Templates", dependencies: ["NewsCore", "HeraldSupport"], path: "Templates"),
        // The page cache as reader-router middleware, the caching decorator of the reader store,
        // and the change feed that retires both by the keys each write names.
        .target(name: "ReaderCache", dependencies: ["NewsCore", "HeraldSupport", "NewsStore", "HTTPServer"]),
        // The reader routes and one file per handler.
        .target(
            name: "ReaderSite",
            dependencies: ["NewsCore", "HeraldSupport", "NewsStore", "Templates", "HTTPServer", "ReaderCache", "Media",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The newsroom: its own server's routes, sign-in, sessions and CSRF, one file per handler.
        // The write API: ninjs ingest from agency systems, token authentication (mounted on the newsroom's port).
        .target(name: "HeraldAPI", dependencies: ["HTTPServer", "HeraldCrypto", "HeraldSupport", "NewsCore", "NewsStore", "Media", "Integrations",
                                                  .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Newsroom",
            dependencies: ["HTTPServer", "HeraldAPI", "HeraldCrypto", "HeraldSupport", "NewsCore", "NewsStore", "ReaderCache", "ReaderSite",
                           "Templates", "Media", .product(name: "Logging", package: "swift-log")]
        ),
        // The edge: the Varnish configuration and the purger that delivers the change log to cache nodes.
        .target(name: "Edge", dependencies: ["NewsStore", .product(name: "Logging", package: "swift-log")]),
        // Metrics through swift-metrics into swift-prometheus' registry: requests as they finish,
        // everything else sampled when scraped.
        .target(name: "Telemetry", dependencies: ["HTTPServer", .product(name: "CoreMetrics", package: "swift-metrics"),
                                                  .product(name: "Prometheus", package: "swift-prometheus")]),
        // The header's data from its sources: the National Bank's rates feed, Open-Meteo's forecasts.
        .target(name: "Integrations", dependencies: ["NewsStore", "NewsCore", "HeraldSupport", .product(name: "Logging", package: "swift-log")]),
        // The background loop: view flushes, Popular, change polling, pruning.
        .target(name: "Jobs", dependencies: ["HeraldSupport", .product(name: "Logging", package: "swift-log")]),
        // buildApplication(configuration): the one wiring, used by `herald serve` and the tests.
        .target(name: "HeraldApp", dependencies: ["ReaderSite", "ReaderCache", "Newsroom", "HeraldCrypto", "Jobs", "NewsStore", "NewsCore", "HTTPServer", "Media", "Edge",
                                                  "Telemetry", "Integrations", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "herald",
            dependencies: ["HeraldApp", "HeraldAPI", "ReaderSite", "Newsroom", "HeraldCrypto", "Templates", "NewsStore", "NewsCore", "HeraldSupport", "Media", "Edge", "Integrations",
                           "HTTPServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // Shared fixtures for the test targets: temporary migrated databases, the demo, a fixed clock.
        .target(name: "TestSupport", dependencies: ["HeraldApp", "ReaderSite", "NewsStore", "NewsCore", "HTTPServer", "CZlib",
                                                    .product(name: "Logging", package: "swift-log")],
                path: "Tests/TestSupport"),
        // The benchmarks' data generator (bench/README.md): a synthetic newsroom through the import path.
        .executableTarget(name: "HeraldBenchData", dependencies: ["NewsStore", "NewsCore", "HeraldSupport", "Media",
                                                                 .product(name: "GRDB", package: "GRDB.swift"),
                                                                 .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // libFuzzer targets (`make fuzz`); built normally it replays the seed corpus (`make test`).
        .executableTarget(name: "HeraldFuzz", dependencies: ["HTTPServer", "NewsCore", "HeraldSupport"]),
        .testTarget(name: "HeraldCryptoTests", dependencies: ["HeraldCrypto"]),
        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore", "HeraldSupport"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "NewsCore", "HeraldSupport", "TestSupport"]),
        .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore", "NewsCore", "HeraldSupport", "TestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["schema.golden.sql"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "NewsCore", "HeraldSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "ReaderCacheTests", dependencies: ["ReaderCache", "NewsCore", "NewsStore", "HTTPServer", "TestSupport"]),
        .testTarget(name: "ReaderSiteTests", dependencies: ["ReaderSite", "ReaderCache", "HeraldApp", "Jobs", "NewsStore", "NewsCore",
                                                           "HeraldSupport", "HTTPServer", "Templates", "TestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EndToEndTests", dependencies: ["HeraldApp", "HeraldAPI", "ReaderSite", "Newsroom", "HeraldCrypto", "NewsCore", "NewsStore", "Media", "HeraldSupport", "Edge", "Integrations",
                                                         "HTTPServer", "TestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)

// swift-tools-version: 6.1
import PackageDescription

/// Flags shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),  // SE-0335: spell `any P`
    .enableUpcomingFeature("MemberImportVisibility"),  // SE-0444: imports are not leaked between files
    .enableUpcomingFeature("InternalImportsByDefault"),  // SE-0409: `public import` only where the API exposes a module
]

/// ONNX Runtime's C library is installed by `scripts/setup.sh` into `.deps/onnxruntime` (never committed);
/// the binaries we build find it there through an rpath.
let onnxRuntimeLibraryDirectory = Context.packageDirectory + "/.deps/onnxruntime/lib"

let package = Package(
    name: "ishowtts",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ishowtts", targets: ["ishowtts"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // Layers from the bottom up, as in ARCHITECTURE.md; a target depends only on targets listed above it.

        // MARK: C libraries
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "COnnxRuntime"),

        // MARK: Domain types (no dependency)
        .target(name: "SpeechCore", swiftSettings: swiftSettings),

        // MARK: Settings (configuration file + environment → plain settings values; imports no engine)
        .target(
            name: "Settings",
            dependencies: [
                "SpeechCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Audio and text
        .target(name: "AudioIO", dependencies: ["SpeechCore", "CSndFile", "CSoxr"], swiftSettings: swiftSettings),
        .target(name: "TextPrep", swiftSettings: swiftSettings),

        // MARK: Engines
        .target(
            name: "PiperEngine",
            dependencies: [
                "SpeechCore", "TextPrep", "CEspeakNG", "COnnxRuntime",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [
                .unsafeFlags(["-L\(onnxRuntimeLibraryDirectory)", "-Xlinker", "-rpath", "-Xlinker", onnxRuntimeLibraryDirectory])
            ]
        ),
        .target(
            name: "F5Engine",
            dependencies: [
                "SpeechCore", "TextPrep", "AudioIO",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Storage (SQLite through GRDB; no GRDB type leaves the module)
        .target(
            name: "Storage",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        // MARK: Models by name (catalogs, downloads with resume and checksums, the install folder)
        .target(
            name: "Models",
            dependencies: [
                "SpeechCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Services (what HTTP, the CLI and the chat gateway share; no HTTP here)
        .target(
            name: "Speech",
            dependencies: [
                "SpeechCore", "AudioIO", "TextPrep", "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ChatSources",
            dependencies: [
                "SpeechCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Gateway",
            dependencies: [
                "ChatSources", "Storage", "Speech", "SpeechCore", "AudioIO", "TextPrep",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: HTTP
        .target(
            name: "APIServer",
            dependencies: [
                "SpeechCore", "AudioIO", "TextPrep", "Speech", "ChatSources", "Gateway", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Composition root (configuration → engines → speech service, run as one ServiceGroup)
        .target(
            name: "CompositionRoot",
            dependencies: [
                "Settings", "SpeechCore", "PiperEngine", "F5Engine", "Speech", "Storage", "ChatSources", "Gateway", "APIServer", "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: The CLI
        .executableTarget(
            name: "ishowtts",
            dependencies: [
                "Settings", "SpeechCore", "AudioIO", "PiperEngine", "F5Engine", "Speech", "CompositionRoot", "APIServer", "Gateway", "ChatSources",
                "Storage", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: [
                "SpeechCore", "AudioIO", "Settings", "F5Engine", .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SettingsTests",
            dependencies: ["Settings", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChatSourcesTests",
            dependencies: ["ChatSources", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: swiftSettings),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "SpeechCore", "ChatSources", "Storage", "Settings", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TextPrepTests",
            dependencies: ["TextPrep", "TestSupport"],
            exclude: ["Fixtures"],  // golden JSON read by path (scripts/f5_golden_fixtures.py writes it)
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PiperEngineTests",
            dependencies: ["PiperEngine", "SpeechCore", "AudioIO", "TestSupport", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"],  // golden JSON read by path (scripts/piper_phoneme_ids_fixture.py writes it)
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "F5EngineTests",
            dependencies: [
                "F5Engine", "SpeechCore", "AudioIO", "TextPrep", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],  // golden JSON read by path
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SpeechTests",
            dependencies: ["Speech", "SpeechCore", "PiperEngine", "F5Engine", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CompositionRootTests",
            dependencies: [
                "CompositionRoot", "Settings", "Speech", "SpeechCore", "F5Engine", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APIServerTests",
            dependencies: [
                "APIServer", "CompositionRoot", "Settings", "Speech", "SpeechCore", "AudioIO", "F5Engine", "TestSupport", "Gateway",
                "ChatSources", "Storage", "Models",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ishowttsTests", dependencies: ["ishowtts", "AudioIO", "SpeechCore", "TestSupport"], swiftSettings: swiftSettings),
    ]
)

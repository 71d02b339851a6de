// swift-tools-version:6.0
import PackageDescription

// Layout (see README "Code map"): a pure core (PhotoGateCore, PhotoFormats), effectful
// shells around it (ImageCodec over libturbojpeg/libpng, DICOM over the DCMTK shim), the
// ingest pipeline that composes them, and a thin `photogate` executable.
//
// System libraries come from Debian (installed by scripts/setup): DCMTK 3.6.7
// (libdcmtk-dev), libturbojpeg0-dev, libpng-dev. Their headers and libraries are on the
// default search paths, so no -I/-L flags; pkg-config is deliberately not used (see
// docs/dcmtk.md).
let package = Package(
    name: "PhotoGate",
    products: [
        .executable(name: "photogate", targets: ["photogate"]),
        .executable(name: "photogate-bench", targets: ["WrapBench"]),
        .executable(name: "photogate-gateway-bench", targets: ["GatewayBench"]),
        .executable(name: "photogate-mllp-bench", targets: ["MLLPBench"]),
        .executable(name: "photogate-fhir-bench", targets: ["FHIRBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure core: error registry, UIDs, photo metadata, DICOM attribute building.
        .target(name: "PhotoGateCore"),
        // Pure: JPEG / EXIF / PNG structure parsing and metadata stripping.
        .target(name: "PhotoFormats", dependencies: ["PhotoGateCore"]),

        // Pure: HL7 v2 messages (parse, encode, escape, ACK/NAK) — HL7 v2.5.1 chapter 2.
        .target(name: "HL7", dependencies: ["PhotoGateCore"]),
        // Pure: FHIR R4 resource models and their JSON/XML codecs.
        .target(name: "FHIR", dependencies: ["PhotoGateCore"]),
        // Pure: DICOMweb (PS3.18) building blocks: multipart/related parser and writer with limits,
        // media types and Accept negotiation, the DICOM JSON model, QIDO-RS query parameters,
        // the STOW-RS response.
        .target(name: "DICOMweb"),
        // Pure: the site mapping engine over Mappings/*.yaml.
        .target(name: "Mappings", dependencies: ["PhotoGateCore", .product(name: "Yams", package: "Yams")]),
        // Shell: MLLP framing and listener (SwiftNIO).
        .target(
            name: "MLLP",
            dependencies: [
                "HL7", "PhotoGateCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Shell: pixel codecs (libturbojpeg, libpng) behind a plain C API.
        .target(
            name: "CImageCodec",
            linkerSettings: [.linkedLibrary("turbojpeg"), .linkedLibrary("png16")]
        ),
        .target(name: "ImageCodec", dependencies: ["CImageCodec", "PhotoGateCore"]),

        // Shell: the only target that includes DCMTK headers.
        .target(
            name: "CDcmtkShim",
            linkerSettings: [
                .linkedLibrary("dcmnet"), .linkedLibrary("dcmdata"),
                .linkedLibrary("oflog"), .linkedLibrary("ofstd"),
            ]
        ),
        .target(name: "DICOM", dependencies: ["CDcmtkShim", "PhotoGateCore"]),

        // Composition: photo file -> DICOM object.
        .target(name: "PhotoIngest", dependencies: ["PhotoGateCore", "PhotoFormats", "ImageCodec", "DICOM"]),

        // Shell: SQLite (GRDB) index, encrypted blob store, outbox and audit trail.
        .target(
            name: "Storage",
            dependencies: [
                "PhotoGateCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Composition root: configuration, the gateway's operations, HTTP API, services.
        .target(
            name: "Gateway",
            dependencies: [
                "PhotoGateCore", "PhotoFormats", "PhotoIngest", "Storage", "DICOM", "ImageCodec", "Mappings", "HL7", "FHIR",
                "MLLP", "DICOMweb",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The analyst's conformance runner: case model, loader, wire clients (HTTP, MLLP, DIMSE),
        // assertions, reports. Talks to a gateway over the network only (never links it).
        .target(
            name: "Conformance",
            dependencies: [
                "HL7", "MLLP", "DICOM",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        .executableTarget(
            name: "photogate",
            dependencies: [
                "PhotoIngest", "DICOM", "PhotoGateCore", "Gateway", "Storage", "Mappings", "HL7", "FHIR", "Conformance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (bench/run-wrap): figures, not tests.
        .executableTarget(
            name: "WrapBench", dependencies: ["PhotoIngest", "ImageCodec", "PhotoFormats", "PhotoGateCore", "Mappings"],
            path: "bench/WrapBench"
        ),
        .executableTarget(
            name: "GatewayBench",
            dependencies: [
                "Gateway", "Storage", "PhotoGateCore", "ImageCodec", "PhotoFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "bench/GatewayBench"
        ),
        .executableTarget(
            name: "MLLPBench",
            dependencies: [
                "Gateway", "Storage", "PhotoGateCore", "HL7", "MLLP", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/MLLPBench"
        ),
        .executableTarget(
            name: "FHIRBench",
            dependencies: [
                "Gateway", "Storage", "PhotoGateCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "bench/FHIRBench"
        ),

        // Shared test helpers: fixture paths, running real tools, PNM reading.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "PhotoGateCoreTests",
            dependencies: ["PhotoGateCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "PhotoFormatsTests", dependencies: ["PhotoFormats", "PhotoGateCore", "TestSupport"]),
        .testTarget(
            name: "PhotoIngestTests",
            dependencies: ["PhotoIngest", "ImageCodec", "DICOM", "PhotoFormats", "PhotoGateCore", "Mappings", "TestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "TestSupport", "Storage", "PhotoGateCore", "DICOM", "HL7",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["dicomweb_peer.py"]
        ),
        .testTarget(
            name: "HL7Tests",
            dependencies: ["HL7", "PhotoGateCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "MLLPTests",
            dependencies: [
                "MLLP", "HL7", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "FHIRTests", dependencies: ["FHIR", "PhotoGateCore", "TestSupport"], exclude: ["validate_fhir.py"]),
        .testTarget(name: "MappingsTests", dependencies: ["Mappings", "PhotoGateCore", "TestSupport"]),
        .testTarget(name: "DICOMTests", dependencies: ["DICOM", "PhotoGateCore", "TestSupport"]),
        .testTarget(name: "DICOMwebTests", dependencies: ["DICOMweb"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "PhotoGateCore", "TestSupport"]),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "Conformance", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Storage", "PhotoGateCore", "PhotoFormats", "FHIR", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    cxxLanguageStandard: .cxx17
)

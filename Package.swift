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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure core: error registry, UIDs, photo metadata, DICOM attribute building.
        .target(name: "PhotoGateCore"),
        // Pure: JPEG / EXIF / PNG structure parsing and metadata stripping.
        .target(name: "PhotoFormats", dependencies: ["PhotoGateCore"]),

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

        .executableTarget(
            name: "photogate",
            dependencies: [
                "PhotoIngest", "DICOM", "PhotoGateCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (bench/run-wrap): figures, not tests.
        .executableTarget(
            name: "WrapBench", dependencies: ["PhotoIngest", "ImageCodec", "PhotoFormats", "PhotoGateCore"],
            path: "bench/WrapBench"
        ),

        // Shared test helpers: fixture paths, running real tools, PNM reading.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PhotoGateCoreTests", dependencies: ["PhotoGateCore"]),
        .testTarget(name: "PhotoFormatsTests", dependencies: ["PhotoFormats", "PhotoGateCore", "TestSupport"]),
        .testTarget(
            name: "PhotoIngestTests",
            dependencies: ["PhotoIngest", "ImageCodec", "DICOM", "PhotoFormats", "PhotoGateCore", "TestSupport"]
        ),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)

// Wrap benchmark: PhotoGate's in-process wrap against DCMTK's img2dcm (one process per
// image, as a script would call it) on the same photos in the same run, plus the peak
// memory of wrapping one very large JPEG. Prints figures; asserts nothing.
//
//   bench/run-wrap [N] [LARGE_MB]
import Foundation
import ImageCodec
import PhotoFormats
import PhotoGateCore
import PhotoIngest

let args = CommandLine.arguments

// `photogate-bench --measure OUT PROGRAM ARGS...`: runs PROGRAM and writes its wall time, peak
// RSS and status to OUT. Used so the measured program is spawned from a small process: Linux
// charges a vfork()ed child the parent's peak RSS up to exec, which would inflate the figure.
if args.count > 3, args[1] == "--measure" {
    let r = spawn(args[3], Array(args.dropFirst(4)))
    try "\(r.seconds) \(r.maxRSSKiB) \(r.status)".write(toFile: args[2], atomically: true, encoding: .utf8)
    exit(0)
}
let count = args.count > 1 ? Int(args[1]) ?? 200 : 200
let largeMB = args.count > 2 ? Int(args[2]) ?? 100 : 100
let photogate = args.count > 3 ? args[3] : URL(fileURLWithPath: args[0]).deletingLastPathComponent()
    .appendingPathComponent("photogate").path

let work = FileManager.default.temporaryDirectory.appendingPathComponent("photogate-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

/// A photo-like test image: gradients plus noise, so JPEG sizes are realistic.
func syntheticRaster(width: Int, height: Int, seed: Int) -> Raster {
    var rng = SplitMix(seed: UInt64(seed))
    var px = [UInt8](repeating: 0, count: width * height * 3)
    for y in 0..<height {
        for x in 0..<width {
            let i = (y * width + x) * 3
            let n = UInt8(truncatingIfNeeded: rng.next() & 0x07)
            px[i] = UInt8(truncatingIfNeeded: x * 255 / max(width - 1, 1)) &+ n
            px[i + 1] = UInt8(truncatingIfNeeded: y * 255 / max(height - 1, 1)) &+ n
            px[i + 2] = UInt8(truncatingIfNeeded: (x + y + seed) & 0xFF)
        }
    }
    return Raster(width: width, height: height, samples: 3, pixels: px)
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs a program, waits, and returns (wall seconds, peak RSS in KiB, exit status).
func spawn(_ path: String, _ arguments: [String]) -> (seconds: Double, maxRSSKiB: Int, status: Int32) {
    var pid: pid_t = 0
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = DispatchTime.now()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return (0, 0, -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return (seconds, Int(usage.ru_maxrss), (status >> 8) & 0xFF)
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        if FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
    }
    return nil
}

// 1. N photos, ~640x480 baseline JPEG each.
var photos: [String] = []
var bytes = 0
for i in 0..<count {
    let jpeg = try JPEGCodec.encodeBaseline(syntheticRaster(width: 640, height: 480, seed: i), subsampling: 2, quality: 85)
    let path = "\(work)/photo-\(i).jpg"
    try Data(jpeg).write(to: URL(fileURLWithPath: path))
    photos.append(path)
    bytes += jpeg.count
}
print("photos: \(count) baseline JPEGs, 640x480, \(bytes / count / 1024) KiB average")

// 2. In-process wrap: durable (fsync before rename, as the gateway stores before it
//    acknowledges) and atomic-only (rename without fsync: what img2dcm's writes guarantee).
let patient = try PatientContext(patientID: "BENCH-1", patientName: "Bench^Patient")
let context = try PhotoContext(bodySite: BodySite(snomedCode: "85562004", meaning: "Hand", bodyPartExamined: "HAND", paired: true),
                               laterality: .left)
@MainActor func timeWraps(durable: Bool, label: String) throws -> Double {
    let wrapper = PhotoWrapper(uids: try DicomUIDGenerator(root: nil), durable: durable)
    _ = try wrapper.wrap(inputPath: photos[0], patient: patient, photo: context, outputPath: "\(work)/warm.dcm")
    let t0 = DispatchTime.now()
    for (i, photo) in photos.enumerated() {
        _ = try wrapper.wrap(inputPath: photo, patient: patient, photo: context, outputPath: "\(work)/\(label)-\(i).dcm")
    }
    let perImage = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e9 / Double(count)
    print(String(format: "photogate in-process wrap, %@: %.3f ms/image", label, perImage * 1000))
    return perImage
}
let durable = try timeWraps(durable: true, label: "durable (fsync)")
let inProcess = try timeWraps(durable: false, label: "atomic rename, no fsync")

// 3. img2dcm, one process per image.
if ProcessInfo.processInfo.environment["BENCH_SKIP_PEER"] == nil, let img2dcm = which("img2dcm") {
    var total = 0.0
    for (i, photo) in photos.enumerated() {
        let r = spawn(img2dcm, ["-vlp", "-k", "PatientID=BENCH-1", photo, "\(work)/dcmtk-\(i).dcm"])
        guard r.status == 0 else { print("img2dcm failed on \(photo)"); break }
        total += r.seconds
    }
    let perImage = total / Double(count)
    print(String(format: "img2dcm -vlp, one process per image: %.3f ms/image", perImage * 1000))
    print(String(format: "ratio, same guarantees as img2dcm (no fsync): photogate is %.1fx faster per image (target >= 20x)",
                 perImage / inProcess))
    print(String(format: "ratio, photogate durable (fsync) vs img2dcm: %.1fx", perImage / durable))
} else {
    print("img2dcm not found: install dcmtk to compare")
}

// 4. One very large JPEG through the photogate CLI in a child process: peak RSS.
if largeMB > 0 {
    // Pure noise at quality 100, 4:4:4, is ~4.1 bytes per pixel.
    let side = Int((Double(largeMB) * 1_000_000 / 4.1).squareRoot())
    let big = try JPEGCodec.encodeBaseline(syntheticLarge(side: side), subsampling: 0, quality: 100)
    let bigPath = "\(work)/large.jpg"
    try Data(big).write(to: URL(fileURLWithPath: bigPath))
    let measured = "\(work)/measured.txt"
    _ = spawn(CommandLine.arguments[0], ["--measure", measured, photogate, "wrap", bigPath, "-o", "\(work)/large.dcm",
                                         "--patient-id", "BENCH-1", "--patient-name", "Bench^Patient"])
    let fields = try String(contentsOfFile: measured, encoding: .utf8).split(separator: " ")
    let r = (seconds: Double(fields[0]) ?? 0, maxRSSKiB: Int(fields[1]) ?? 0, status: Int32(fields[2]) ?? -1)
    print(String(format: "large JPEG: %dx%d, %.1f MB: wrapped in %.2f s, peak RSS %.1f MB (target < 64 MB)%@",
                 side, side, Double(big.count) / 1e6, r.seconds, Double(r.maxRSSKiB) / 1024,
                 r.status == 0 ? "" : " — FAILED, exit \(r.status)"))
}

func syntheticLarge(side: Int) -> Raster {
    var rng = SplitMix(seed: 42)
    var px = [UInt8](repeating: 0, count: side * side * 3)
    px.withUnsafeMutableBufferPointer { p in
        var i = 0
        while i + 8 <= p.count {
            let v = rng.next()
            for k in 0..<8 { p[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
            i += 8
        }
    }
    return Raster(width: side, height: side, samples: 3, pixels: px)
}

import Foundation
import Gateway
import Hummingbird
import ImageCodec
import PhotoFormats

/// Section 6: durable uploads over HTTP (`POST /api/assets`), and the cost of one fsync on
/// the same disk for comparison.
enum UploadBench {
    static func run(_ server: BenchServer, token: String, _ layout: BenchLayout, dataDir: String, _ report: Report,
                    uploads: Int = 200, clients: Int = 4) async throws {
        let section = "6. uploads over HTTP"
        let jpeg = try JPEGCodec.encodeBaseline(syntheticRaster(width: 640, height: 480, seed: 6), subsampling: 2, quality: 85)
        var rng = SplitMix(seed: 6)
        let paths = (0..<uploads + clients).map { _ in
            "/api/assets?patient=\(BenchLayout.system)%7CP\(rng.next() % UInt64(layout.patients))&stream=communication"
        }
        for path in paths.suffix(clients) {  // warm-up: first wrap, first data keys
            let (status, reply) = try await server.request("POST", path, token: token, contentType: "image/jpeg", body: jpeg)
            guard status == 201 else { throw BenchError("POST /api/assets answered \(status): \(String(buffer: reply).prefix(300))") }
        }

        let watch = Stopwatch()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Double] = []
                    for k in stride(from: client, to: uploads, by: clients) {
                        let one = Stopwatch()
                        let (status, reply) = try await server.request("POST", paths[k], token: token, contentType: "image/jpeg",
                                                                       body: jpeg)
                        guard status == 201 else {
                            throw BenchError("POST /api/assets answered \(status): \(String(buffer: reply).prefix(300))")
                        }
                        latencies.append(one.ms)
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let seconds = watch.seconds
        report.add(section, "`POST /api/assets`, \(uploads) uploads of one \(jpeg.count / 1024) KiB 640×480 JPEG, \(clients) concurrent clients",
                   String(format: "%.1f uploads/s", Double(latencies.count) / seconds))
        report.add(section, "upload latency p50 / p99",
                   "\(Format.ms(Format.quantile(latencies, 0.5))) / \(Format.ms(Format.quantile(latencies, 0.99)))")

        let (file, directory) = try fsyncCost(in: dataDir, bytes: jpeg.count)
        report.add(section, "one fsync of a \(jpeg.count / 1024) KiB new file on this disk (median of 50)", Format.ms(file))
        report.add(section, "one fsync of its directory (median of 50)", Format.ms(directory))
        report.note("each upload syncs 2 blob files and their directories, then commits twice (patient/data key, asset): "
            + "about 6 fsyncs on its path; concurrent commits share one through the group-commit writer")
    }

    /// Median cost of fsync on a new file of `bytes` bytes, and on its directory.
    static func fsyncCost(in directory: String, bytes: Int) throws -> (file: Double, directory: Double) {
        let dir = "\(directory)/fsync-probe"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let payload = [UInt8](repeating: 0x5A, count: bytes)
        var fileTimes: [Double] = []
        var dirTimes: [Double] = []
        for k in 0..<50 {
            let fd = open("\(dir)/probe-\(k)", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw BenchError("cannot create a probe file in \(dir)") }
            let written = payload.withUnsafeBytes { write(fd, $0.baseAddress, bytes) }
            guard written == bytes else { throw BenchError("cannot write a probe file") }
            let fileWatch = Stopwatch()
            fsync(fd)
            fileTimes.append(fileWatch.ms)
            close(fd)
            let dfd = open(dir, O_RDONLY | O_CLOEXEC)
            let dirWatch = Stopwatch()
            fsync(dfd)
            dirTimes.append(dirWatch.ms)
            close(dfd)
        }
        return (Format.quantile(fileTimes, 0.5), Format.quantile(dirTimes, 0.5))
    }

    /// A photo-like image (gradients plus noise), so the JPEG size is realistic (~43 KiB at 640×480).
    static func syntheticRaster(width: Int, height: Int, seed: Int) -> Raster {
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
}

import DICOM
import Foundation
import Testing
import TestSupport

/// A large C-STORE is streamed to disk as it arrives: the SCP's memory does not grow with the
/// object. Size: 512 MiB, or `PHOTOGATE_LARGE_DICOM_MB`.
struct DicomServerLargeObjectTests {
    @Test func largeObjectIsStreamedToDiskNotHeldInMemory() throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["PHOTOGATE_LARGE_DICOM_MB"] ?? "") ?? 512
        let source = try DicomSamples.large(at: try Fixtures.scratchDirectory() + "/large.dcm",
                                            pixelBytes: megabytes << 20)
        defer { try? FileManager.default.removeItem(atPath: source) }
        let received = Recorder<DicomReceivedObject>()
        let s = try TestServer { _ in
            TestHandler(onStore: { object in
                received.append(object)
                try? FileManager.default.removeItem(atPath: object.path)
                return .success
            })
        }
        defer { s.stop() }

        let before = ProcessMemory.resetPeak()
        let started = Date()
        let out = try DicomPeers.run("storescu", ["-aec", "PHOTOGATE", "127.0.0.1", s.portArgument, source])
        let elapsed = Date().timeIntervalSince(started)
        let growth = ProcessMemory.peak - before

        print("pg.dicom.large object=\(megabytes) MiB seconds=\(elapsed) rss.before=\(before >> 20) MiB "
              + "peak.growth=\(growth >> 20) MiB")
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(received.all.first)
        #expect(object.size > UInt64(megabytes - 1) << 20)
        #expect(growth < 128 << 20, "the SCP grew by \(growth >> 20) MiB for a \(megabytes) MiB object")
    }
}

/// This process's resident memory (Linux /proc).
enum ProcessMemory {
    /// Resets the peak resident set size (VmHWM) and returns the current one, in bytes.
    static func resetPeak() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return field("VmRSS")
    }

    /// The peak resident set size since the last reset, in bytes.
    static var peak: Int { field("VmHWM") }

    private static func field(_ name: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kb * 1024
        }
        return 0
    }
}

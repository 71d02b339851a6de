import DICOM
import Foundation
import ImageCodec
import PhotoFormats
import PhotoGateCore

extension PhotoWrapper {
    /// JPEG Baseline (Process 1), PS3.5 §A.4.1.
    static let jpegBaselineUID = "1.2.840.10008.1.2.4.50"

    func prepareJPEG(_ path: String, output: inout AtomicOutput) throws -> PreparedPhoto {
        // 1. Copy the file through the sanitizer: identifying segments go, the frame is
        //    checked before any image data is copied. Large photos stream to a scratch file,
        //    the rest stays in memory.
        var source = try FileByteSource(path: path)
        var info: JPEGInfo
        var bitstream: JPEGBitstream
        if source.size <= limits.inMemoryJPEGBytes {
            var sink = MemoryByteSink()
            info = try JPEGSanitizer().sanitize(from: &source, to: &sink, checkFrame: checkJPEGFrame)
            bitstream = .memory(sink.bytes)
        } else {
            let scratch = output.temporary("jpg")
            var sink = try FileByteSink(path: scratch)
            info = try JPEGSanitizer().sanitize(from: &source, to: &sink, checkFrame: checkJPEGFrame)
            try sink.finish(sync: false)  // a scratch file: only the final DICOM object is synced
            bitstream = .file(path: scratch, length: info.outputLength)
        }
        let exif = info.exif.map(ExifMetadata.init(tiff:)) ?? ExifMetadata()
        let removed = info.removed

        // 2. Orientation and coding process decide whether pixels must change.
        var derivation: String?
        if exif.orientation != .normal || !info.frame.isBaseline {
            let (jpeg, note) = try reshape(try bitstream.bytes(), frame: info.frame, orientation: exif.orientation,
                                           icc: info.iccProfile)
            derivation = note
            // Every bitstream that reaches DICOM passes the sanitizer, also our own output.
            var memory = MemoryByteSource(jpeg)
            var sink = MemoryByteSink()
            info = try JPEGSanitizer().sanitize(from: &memory, to: &sink)
            bitstream = .memory(sink.bytes)
        }

        // 3. One fragment, even length: pad with one 0x00 after EOI (PS3.5 §A.4).
        try bitstream.padToEvenLength()

        let frame = info.frame
        let photometric: String
        if frame.components.count == 1 {
            photometric = "MONOCHROME2"
        } else if info.adobeTransform == 0 {
            photometric = "RGB"  // Adobe APP14 says: no colour transform
        } else {
            // PS3.5 §8.2.1 and the VL Image module: YCbCr JPEG is labelled YBR_FULL_422
            // (dciodvfy rejects YBR_FULL for lossy JPEG, also for 4:4:4 sampling).
            photometric = "YBR_FULL_422"
        }
        let uncompressed = Double(frame.rows * frame.columns * frame.components.count)
        return PreparedPhoto(
            pixels: .jpegBaseline(bitstream, rows: frame.rows, columns: frame.columns,
                                  components: frame.components.count, photometric: photometric,
                                  compressionRatio: uncompressed / Double(max(info.outputLength, 1))),
            rows: frame.rows, columns: frame.columns, transferSyntaxUID: Self.jpegBaselineUID,
            iccProfile: info.iccProfile,
            capture: CaptureFacts(capturedAt: exif.dateTimeOriginal.flatMap {
                CaptureDateTime(exif: $0, subSeconds: exif.subSecTimeOriginal, offset: exif.offsetTimeOriginal)
            }, make: exif.make, model: exif.model),
            orientation: exif.orientation, derivation: derivation, removed: removed)
    }

    /// Accepts 8-bit greyscale or three-component JPEG within the pixel limit.
    func checkJPEGFrame(_ frame: JPEGFrame) throws {
        guard frame.rows > 0, frame.columns > 0 else {
            throw PGError(.unsupportedJPEGProcess, "JPEG without a height in its frame header (DNL) is not supported")
        }
        try checkPixelCount(columns: frame.columns, rows: frame.rows)
        guard frame.components.count == 1 || frame.components.count == 3 else {
            throw PGError(.unsupportedFormat, "JPEG with \(frame.components.count) colour components (CMYK?) is not supported; "
                + "greyscale or colour (3 components) only")
        }
        guard frame.isTranscodable else {
            throw PGError(.unsupportedJPEGProcess, "\(frame.precision)-bit \(frame.processName) JPEG is not supported: "
                + "a VL Photographic Image holds 8-bit samples; convert the photo to 8-bit baseline JPEG first")
        }
    }

    /// Makes the image upright and baseline. Returns the new bitstream and the Derivation
    /// Description when pixels were decoded and re-encoded (nil for a lossless transform).
    func reshape(_ jpeg: [UInt8], frame: JPEGFrame, orientation: ExifOrientation,
                 icc: [UInt8]?) throws -> ([UInt8], String?) {
        if frame.isBaseline, let rotated = try JPEGCodec.losslesslyOriented(jpeg, orientation) {
            return (rotated, nil)
        }
        let (raster, subsampling) = try JPEGCodec.decode(jpeg, maxPixels: limits.maxPixels)
        let upright = raster.oriented(orientation)
        var encoded = try JPEGCodec.encodeBaseline(upright, subsampling: subsampling, quality: limits.reencodeQuality)
        if let icc { encoded = JPEGSegments.insertingICCProfile(icc, into: encoded) }
        var steps: [String] = []
        if !frame.isBaseline { steps.append("transcoded from \(frame.processName) JPEG") }
        if orientation != .normal {
            steps.append("EXIF orientation \(orientation.rawValue) applied by decoding"
                + (frame.isBaseline ? " (no lossless transform for \(frame.columns)x\(frame.rows))" : ""))
        }
        return (encoded, steps.joined(separator: "; ") + "; re-encoded as baseline JPEG, quality \(limits.reencodeQuality)")
    }
}

extension JPEGBitstream {
    func bytes() throws -> [UInt8] {
        switch self {
        case let .memory(bytes): return bytes
        case let .file(path, _): return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    /// Appends one 0x00 after EOI when the length is odd.
    mutating func padToEvenLength() throws {
        switch self {
        case var .memory(bytes) where bytes.count % 2 == 1:
            bytes.append(0)
            self = .memory(bytes)
        case let .file(path, length) where length % 2 == 1:
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: [0x00])
            try handle.close()
            self = .file(path: path, length: length + 1)
        default:
            break
        }
    }
}

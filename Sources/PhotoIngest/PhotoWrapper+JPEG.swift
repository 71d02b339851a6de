import DICOM
import Foundation
import ImageCodec
import PhotoFormats
import PhotoGateCore

extension PhotoWrapper {
    /// JPEG Baseline (Process 1), PS3.5 §A.4.1.
    static let jpegBaselineUID = "1.2.840.10008.1.2.4.50"

    func prepareJPEG(_ path: String, output: inout AtomicOutput) throws -> PreparedPhoto {
        // 1. Stream the file through the sanitizer into a temporary file: identifying
        //    segments go, the frame is checked before any image data is copied.
        let sanitizedPath = output.temporary("jpg")
        var source = try FileByteSource(path: path)
        var sink = try FileByteSink(path: sanitizedPath)
        var info = try JPEGSanitizer().sanitize(from: &source, to: &sink, checkFrame: checkJPEGFrame)
        try sink.finish()
        let exif = info.exif.map(ExifMetadata.init(tiff:)) ?? ExifMetadata()
        let removed = info.removed

        // 2. Orientation and coding process decide whether pixels must change.
        var derivation: String?
        var jpegPath = sanitizedPath
        if exif.orientation != .normal || !info.frame.isBaseline {
            let original = try Array(Data(contentsOf: URL(fileURLWithPath: sanitizedPath)))
            let (jpeg, note) = try reshape(original, frame: info.frame, orientation: exif.orientation,
                                           icc: info.iccProfile)
            derivation = note
            // Every bitstream that reaches DICOM passes the sanitizer, also our own output.
            jpegPath = output.temporary("final.jpg")
            var memory = MemoryByteSource(jpeg)
            let finalSink = try FileByteSink(path: jpegPath)
            var fileSink = finalSink
            info = try JPEGSanitizer().sanitize(from: &memory, to: &fileSink)
            try finalSink.finish()
        }

        // 3. One fragment, even length: pad with one 0x00 after EOI (PS3.5 §A.4).
        var length = info.outputLength
        if length % 2 == 1 {
            let pad = try FileHandle(forWritingTo: URL(fileURLWithPath: jpegPath))
            try pad.seekToEnd()
            try pad.write(contentsOf: [0x00])
            try pad.synchronize()
            try pad.close()
            length += 1
        }

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
            pixels: .jpegBaseline(path: jpegPath, length: length, rows: frame.rows, columns: frame.columns,
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

import DICOM
import Foundation
import PhotoFormats
import PhotoGateCore

/// Turns a clinical photo (JPEG or PNG) into a DICOM VL Photographic Image
/// (SOP Class 1.2.840.10008.5.1.4.1.1.77.1.4, PS3.3 A.32.4).
///
/// - Baseline JPEG is encapsulated without re-encoding (JPEG Baseline transfer syntax
///   1.2.840.10008.1.2.4.50): identifying segments are dropped, the entropy-coded data stays
///   byte-identical.
/// - An EXIF orientation other than 1 is applied: losslessly when the dimensions allow,
///   otherwise by decoding and re-encoding (Image Type DERIVED, with a Derivation Description).
/// - Progressive and arithmetic-coded 8-bit JPEG are transcoded to baseline (DERIVED);
///   12-bit, lossless and hierarchical JPEG are refused.
/// - PNG is stored losslessly as native pixels (Explicit VR Little Endian).
public struct PhotoWrapper: Sendable {
    public var limits: WrapLimits
    /// fsync the output before it is renamed into place (and the directory after), so an
    /// output that exists survives a power loss. Off only where the caller owns durability.
    public var durable: Bool
    let uids: any UIDGenerating
    let clock: @Sendable () -> Date

    public init(uids: any UIDGenerating, limits: WrapLimits = WrapLimits(), durable: Bool = true,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.uids = uids
        self.limits = limits
        self.durable = durable
        self.clock = clock
    }

    /// Wraps the photo at `inputPath` into a Part 10 file at `outputPath`. The output is
    /// written to a temporary file, synced and renamed: it appears whole or not at all.
    public func wrap(inputPath: String, patient: PatientContext, photo: PhotoContext,
                     outputPath: String) throws -> WrapResult {
        try DicomToolkit.initialize()
        var output = AtomicOutput(finalPath: outputPath)
        defer { output.cleanUp() }

        let prepared: PreparedPhoto
        switch try sniff(inputPath) {
        case .jpeg: prepared = try prepareJPEG(inputPath, output: &output)
        case .png: prepared = try preparePNG(inputPath)
        }

        let ids = InstanceUIDs(study: photo.studyInstanceUID ?? uids.makeUID(), series: photo.seriesInstanceUID ?? uids.makeUID(),
                               sopInstance: photo.sopInstanceUID ?? uids.makeUID())
        let header = try VLPhotographicHeader(patient: patient, photo: photo, capture: prepared.capture, uids: ids,
                                              derivation: prepared.derivation,
                                              wrappedAt: CaptureDateTime(date: clock()))
        let dicomPath = output.temporary("dcm")
        try VLPhotoWriter.write(header: header, pixels: prepared.pixels, iccProfile: prepared.iccProfile, to: dicomPath)
        try output.commit(dicomPath, sync: durable)
        return WrapResult(outputPath: outputPath, uids: ids, rows: prepared.rows, columns: prepared.columns,
                          transferSyntaxUID: prepared.transferSyntaxUID, orientation: prepared.orientation,
                          derivation: prepared.derivation, removed: prepared.removed)
    }

    /// Checks size and signature before anything else is read.
    func sniff(_ path: String) throws -> ImageFormat {
        let source = try FileByteSource(path: path)
        guard source.size > 0 else { throw PGError(.unsupportedFormat, "\(path): the file is empty") }
        guard source.size <= limits.maxInputBytes else {
            throw PGError(.imageTooLarge, "\(path) is \(source.size) bytes, more than the limit of \(limits.maxInputBytes) bytes")
        }
        var head = [UInt8](repeating: 0, count: 132)
        let n = try head.withUnsafeMutableBytes { try source.read(into: $0) }
        head.removeSubrange(n...)
        guard let format = ImageFormat.sniff(head) else {
            throw PGError(.unsupportedFormat, "\(path): " + ImageFormat.describeUnknown(head))
        }
        return format
    }

    /// Refuses images over the pixel limit, before any pixel is decoded or copied.
    func checkPixelCount(columns: Int, rows: Int) throws {
        let pixels = UInt64(columns) * UInt64(rows)
        guard pixels <= limits.maxPixels else {
            throw PGError(.imageTooLarge, "image is \(columns)×\(rows) pixels (\(pixels / 1_000_000) megapixels), "
                + "more than the limit of \(limits.maxPixels / 1_000_000) megapixels")
        }
    }
}

/// Pixels ready for the DICOM writer, and what the pipeline did to them.
struct PreparedPhoto {
    var pixels: PhotoPixels
    var rows: Int
    var columns: Int
    var transferSyntaxUID: String
    var iccProfile: [UInt8]?
    var capture: CaptureFacts
    var orientation: ExifOrientation
    var derivation: String?
    var removed: [String]
}

import CDcmtkShim
import Foundation
import PhotoGateCore

/// A baseline JPEG bitstream of even length (padded after EOI with one 0x00, PS3.5 §A.4).
public enum JPEGBitstream: Sendable {
    /// Large photos: streamed from the file when the DICOM object is written.
    case file(path: String, length: UInt64)
    case memory([UInt8])
}

/// Pixel data of a VL Photographic Image.
public enum PhotoPixels: Sendable {
    /// A baseline JPEG bitstream encapsulated as one fragment without re-encoding.
    case jpegBaseline(JPEGBitstream, rows: Int, columns: Int, components: Int,
                      photometric: String, compressionRatio: Double)
    /// Native 8-bit samples (Explicit VR Little Endian).
    case native(pixels: [UInt8], rows: Int, columns: Int, samples: Int)
}

/// Writes VL Photographic Image Part 10 files through the DCMTK shim.
public enum VLPhotoWriter {
    /// Writes the file at `path` (created or replaced; the caller renames it into place).
    public static func write(header: VLPhotographicHeader, pixels: PhotoPixels, iccProfile: [UInt8]?,
                             to path: String) throws {
        try DicomToolkit.initialize()
        var cStrings: [UnsafeMutablePointer<CChar>] = []
        defer { cStrings.forEach { free($0) } }
        func c(_ s: String) -> UnsafePointer<CChar> {
            let p = strdup(s)!
            cStrings.append(p)
            return UnsafePointer(p)
        }
        let attrs = header.attributes.map { pgd_attr(tag: $0.tag, value: c($0.value)) }
        var code = header.anatomicRegion.map { pgd_code(value: c($0.value), scheme: c($0.scheme), meaning: c($0.meaning)) }

        var px = pgd_pixels()
        var native: [UInt8] = []
        var jpegBytes: [UInt8] = []
        switch pixels {
        case let .jpegBaseline(bitstream, rows, columns, components, photometric, ratio):
            guard rows <= 65535, columns <= 65535 else {
                throw PGError(.imageTooLarge, "\(columns)×\(rows) pixels: DICOM Rows and Columns stop at 65535")
            }
            px.rows = UInt16(rows)
            px.columns = UInt16(columns)
            px.samples = UInt8(components)
            px.photometric = c(photometric)
            switch bitstream {
            case let .file(path, length):
                px.jpeg_path = c(path)
                px.jpeg_length = length
            case let .memory(bytes):
                jpegBytes = bytes
                px.jpeg_length = UInt64(bytes.count)
            }
            // DS: at most 16 characters (PS3.5 §6.2)
            px.lossy_ratio = c(String(String(format: "%.2f", ratio).prefix(16)))
        case let .native(pixels, rows, columns, samples):
            guard rows <= 65535, columns <= 65535 else {
                throw PGError(.imageTooLarge, "\(columns)×\(rows) pixels: DICOM Rows and Columns stop at 65535")
            }
            px.rows = UInt16(rows)
            px.columns = UInt16(columns)
            px.samples = UInt8(samples)
            px.photometric = c(samples == 1 ? "MONOCHROME2" : "RGB")
            native = pixels
        }
        let icc = iccProfile ?? []
        var err = pgd_error()
        let rc = native.withUnsafeBufferPointer { nativeBuf in
            icc.withUnsafeBufferPointer { iccBuf in
              jpegBytes.withUnsafeBufferPointer { jpegBuf in
                if !jpegBytes.isEmpty { px.jpeg_data = jpegBuf.baseAddress }
                px.native = nativeBuf.baseAddress
                px.native_length = nativeBuf.count
                px.icc = icc.isEmpty ? nil : iccBuf.baseAddress
                px.icc_length = iccBuf.count
                return attrs.withUnsafeBufferPointer { attrBuf in
                    withOptionalPointer(&code) { codePtr in
                        pgd_write_vl_photo(attrBuf.baseAddress, attrBuf.count, codePtr, &px,
                                           DicomToolkit.implementationClassUID,
                                           DicomToolkit.implementationVersionName, path, &err)
                    }
                }
              }
            }
        }
        guard rc == PGD_OK else {
            switch rc {
            case PGD_E_VALUE: throw PGError(.invalidAttribute, shimMessage(err))
            case PGD_E_IO: throw PGError(.outputWriteFailed, shimMessage(err))
            default: throw PGError(.internalError, "DICOM writer: " + shimMessage(err))
            }
        }
    }
}

private func withOptionalPointer<T, R>(_ value: inout T?, _ body: (UnsafePointer<T>?) -> R) -> R {
    guard value != nil else { return body(nil) }
    return withUnsafePointer(to: &value!) { body($0) }
}

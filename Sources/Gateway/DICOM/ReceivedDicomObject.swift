import DICOM
import Foundation
import PhotoFormats
import PhotoGateCore

/// A received DICOM object (C-STORE or STOW-RS) read and cleaned, before it is stored:
/// the attributes the gateway needs, and a copy whose JPEG carries no EXIF, GPS, XMP or
/// IPTC (the original stays as received, encrypted).
struct ReceivedDicomObject: Sendable {
    let sopClassUID: String
    let sopInstanceUID: String
    let transferSyntaxUID: String
    let studyInstanceUID: String
    let seriesInstanceUID: String
    let patientID: String
    let issuerOfPatientID: String?
    let attributes: [UInt32: String]
    /// The object as received.
    let originalPath: String
    /// What the gateway stores and sends on: the original, or a cleaned copy.
    let cleanPath: String
    /// Segments the cleaning removed from the JPEG (`APP1 Exif`, …).
    let removed: [String]
    let size: Int64

    /// JPEG transfer syntaxes whose fragments can carry APPn segments (PS3.5 A.4.1).
    static let jpegTransferSyntaxes: Set<String> = [
        "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
    ]

    /// `(0010,0020)`
    static func text(_ tag: UInt32) -> String {
        func hex(_ v: UInt32) -> String {
            let h = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - h.count) + h
        }
        return "(\(hex(tag >> 16)),\(hex(tag & 0xFFFF)))"
    }

    /// Reads `path` and writes the cleaned copy to `cleanPath` when the JPEG carried
    /// anything to remove. Blocking file work: call it from a thread that may block.
    static func read(_ path: String, cleanPath: String, acceptedSOPClasses: Set<String>, maxBytes: Int) throws
        -> ReceivedDicomObject
    {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        guard size <= maxBytes else {
            throw PGError(.payloadTooLarge, "the object is \(size) bytes; the limit is \(maxBytes) (dicom.maxObjectBytes)")
        }
        let file = try DicomFile(path: path)
        func required(_ tag: UInt32, _ name: String) throws -> String {
            guard let value = file.string(tag)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw PGError(.missingRequired, "the object has no \(name) \(Self.text(tag))")
            }
            return value
        }
        let sopClass = try required(DicomIndexTags.sopClassUID, "SOP Class UID")
        guard acceptedSOPClasses.contains(sopClass) else {
            throw PGError(.unsupportedFormat, "SOP class \(sopClass) is not one the gateway stores")
        }
        let transferSyntax = file.string(DicomIndexTags.transferSyntaxUID) ?? "1.2.840.10008.1.2"
        var removed: [String] = []
        var stored = path
        if let fragments = file.fragments, jpegTransferSyntaxes.contains(transferSyntax) {
            let frames = file.string(DicomIndexTags.numberOfFrames).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1
            guard frames <= 1 else {
                throw PGError(.unsupportedFormat, "multi-frame JPEG objects (\(frames) frames) are not accepted: photos are single-frame")
            }
            // Streamed fragment by fragment into a scratch file: a 1 GB object never sits in memory.
            var source = FragmentSource(file: file, count: fragments.count)
            let jpegPath = cleanPath + ".jpg"
            defer { unlink(jpegPath) }
            var sink = try FileByteSink(path: jpegPath)
            let info = try JPEGSanitizer().sanitize(from: &source, to: &sink)
            try sink.finish(sync: false)
            removed = info.removed.filter { !$0.hasSuffix("after EOI") }
            if !removed.isEmpty || fragments.count > 1 {
                try DicomEditor.rewrite(path, setting: [], fragmentFile: jpegPath, to: cleanPath)
                stored = cleanPath
            }
        }
        return ReceivedDicomObject(
            sopClassUID: sopClass, sopInstanceUID: try required(DicomTag.sopInstanceUID, "SOP Instance UID"),
            transferSyntaxUID: transferSyntax,
            studyInstanceUID: try required(DicomTag.studyInstanceUID, "Study Instance UID"),
            seriesInstanceUID: try required(DicomTag.seriesInstanceUID, "Series Instance UID"),
            patientID: try required(DicomTag.patientID, "Patient ID"),
            issuerOfPatientID: file.string(DicomTag.issuerOfPatientID).flatMap { $0.isEmpty ? nil : $0 },
            attributes: DicomIndexTags.attributes(of: file), originalPath: path, cleanPath: stored, removed: removed,
            size: size)
    }
}

/// The fragments of an object's encapsulated pixel data, read in order as one byte stream.
struct FragmentSource: ByteSource {
    let file: DicomFile
    let count: Int
    private var index = 0
    private var offset: UInt64 = 0

    init(file: DicomFile, count: Int) {
        self.file = file
        self.count = count
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while index < count {
            let n = try file.readFragment(index, at: offset, into: buffer)
            if n > 0 {
                offset += UInt64(n)
                return n
            }
            index += 1
            offset = 0
        }
        return 0
    }
}

import DICOM
import Foundation
import PhotoGateCore
import TestSupport

/// DICOM inputs for the end-to-end tests, made with the CLI and DCMTK (no hand-built bytes).
enum DicomInputs {
    /// A VL Photographic object wrapped by `photogate wrap` from a fixture photo.
    static func wrapped(_ photo: String, patientID: String, name: String = "Doe^Jane", in dir: String) throws -> String {
        let path = "\(dir)/\(UUID().uuidString).dcm"
        let out = try Tool.run(Tool.photogate, ["wrap", Fixtures.photo(photo), "-o", path, "--patient-id", patientID,
                                                "--patient-name", name])
        guard out.status == 0 else { throw PeerError("wrap failed: \(out.stderr)") }
        return path
    }

    /// The same object with the photo's raw JPEG (EXIF, GPS, XMP, IPTC and all) as its pixel
    /// data fragment — what a camera-side DICOM converter that keeps APPn segments sends.
    static func withRawJPEG(_ photo: String, patientID: String, issuer: String? = nil, in dir: String) throws -> String {
        let clean = try wrapped(photo, patientID: patientID, in: dir)
        let dirty = clean + ".raw.dcm"
        var attributes = [DicomAttribute(DicomTag.patientSex, "F"), DicomAttribute(DicomTag.patientBirthDate, "19800101")]
        if let issuer { attributes.append(DicomAttribute(DicomTag.issuerOfPatientID, issuer)) }
        try DicomEditor.rewrite(clean, setting: attributes, fragment: try Fixtures.bytes(photo), to: dirty)
        return dirty
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The data set of a Part 10 file: what follows the file meta information (PS3.10 7.1;
    /// its group length is the UL value at offset 140).
    static func dataSet(_ file: [UInt8]) -> ArraySlice<UInt8> {
        guard file.count > 144 else { return file[...] }
        let length = Int(file[140]) | Int(file[141]) << 8 | Int(file[142]) << 16 | Int(file[143]) << 24
        return file[min(file.count, 144 + length)...]
    }

    /// Whether a file contains an EXIF or XMP header anywhere.
    static func carriesMetadata(_ bytes: [UInt8]) -> Bool {
        let data = Data(bytes)
        return data.range(of: Data("Exif\0\0".utf8)) != nil || data.range(of: Data("http://ns.adobe.com/xap".utf8)) != nil
    }

    /// `dcmdump +P tag` value of a file, e.g. `PatientName`.
    static func value(_ path: String, _ key: String) throws -> String {
        let out = try Tool.run("dcmdump", ["+P", key, path]).stdout
        guard let open = out.firstIndex(of: "["), let close = out[open...].firstIndex(of: "]") else { return "" }
        return String(out[out.index(after: open)..<close])
    }

    /// Waits until `condition` holds (at most `seconds`).
    static func eventually(_ seconds: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }
}

import PhotoGateCore

/// A readable summary of a DICOM object's main attributes (what `photogate dump` prints).
public enum DicomSummary {
    private typealias Row = (label: String, tag: UInt32)

    private static let sections: [(String, [Row])] = [
        ("Patient", [("Name", DicomTag.patientName), ("ID", DicomTag.patientID),
                     ("Issuer of ID", DicomTag.issuerOfPatientID), ("Birth date", DicomTag.patientBirthDate),
                     ("Sex", DicomTag.patientSex)]),
        ("Study", [("Instance UID", DicomTag.studyInstanceUID), ("Date", DicomTag.studyDate),
                   ("Time", DicomTag.studyTime), ("ID", DicomTag.studyID),
                   ("Accession", DicomTag.accessionNumber), ("Description", DicomTag.studyDescription)]),
        ("Series", [("Instance UID", DicomTag.seriesInstanceUID), ("Modality", DicomTag.modality),
                    ("Number", DicomTag.seriesNumber), ("Description", DicomTag.seriesDescription),
                    ("Body part", DicomTag.bodyPartExamined), ("Laterality", DicomTag.laterality)]),
        ("Equipment", [("Manufacturer", DicomTag.manufacturer), ("Model", DicomTag.manufacturerModelName)]),
        ("Image", [("Image type", DicomTag.imageType), ("Instance number", DicomTag.instanceNumber),
                   ("Image laterality", DicomTag.imageLaterality),
                   ("Content date", DicomTag.contentDate), ("Content time", DicomTag.contentTime),
                   ("Acquired", DicomTag.acquisitionDateTime), ("Derivation", DicomTag.derivationDescription),
                   ("Rows", 0x0028_0010), ("Columns", 0x0028_0011), ("Samples/pixel", 0x0028_0002),
                   ("Photometric", 0x0028_0004), ("Bits allocated", 0x0028_0100),
                   ("Lossy compression", 0x0028_2110), ("Compression ratio", 0x0028_2112),
                   ("Compression method", 0x0028_2114), ("Character set", DicomTag.specificCharacterSet)]),
    ]

    public static func render(_ file: DicomFile) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String, indent: Bool = true) {
            let padded = label.padding(toLength: 20, withPad: " ", startingAt: 0)
            lines.append((indent ? "  " : "") + padded + value)
        }
        func named(_ uid: String?) -> String {
            guard let uid else { return "(absent)" }
            let name = DicomToolkit.uidName(uid)
            return name.isEmpty ? uid : "\(uid) (\(name))"
        }
        lines.append(file.path)
        row("Transfer syntax", named(file.string(0x0002_0010)))
        row("SOP class", named(file.string(0x0008_0016)))
        row("SOP instance", file.string(DicomTag.sopInstanceUID) ?? "(absent)")
        for (title, rows) in sections {
            let present = rows.compactMap { r in file.string(r.tag).map { (r.label, $0) } }
            guard !present.isEmpty else { continue }
            lines.append(title)
            for (label, value) in present { row(label, value.isEmpty ? "(empty)" : value) }
            if title == "Series", let code = file.string(0x0008_0100, inSequence: 0x0008_2218, item: 0) {
                let scheme = file.string(0x0008_0102, inSequence: 0x0008_2218, item: 0) ?? "?"
                let meaning = file.string(0x0008_0104, inSequence: 0x0008_2218, item: 0) ?? ""
                row("Anatomic region", "\(code) (\(scheme)) \(meaning)")
            }
        }
        lines.append("Pixel data")
        if let icc = file.length(0x0028_2000) { row("ICC profile", "\(icc) bytes") }
        if let f = file.fragments {
            row("Encoding", "encapsulated, \(f.count) fragment\(f.count == 1 ? "" : "s"), \(f.bytes) bytes")
        } else if let n = file.length(0x7FE0_0010) {
            row("Encoding", "native, \(n) bytes")
        } else {
            row("Encoding", "(no pixel data)")
        }
        return lines.joined(separator: "\n")
    }
}

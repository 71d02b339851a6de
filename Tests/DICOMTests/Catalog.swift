import DICOM
import Foundation
import PhotoGateCore

/// Canned records for the query/retrieve tests: one entry per image, with its patient,
/// study and series attributes, answered at any level like a PACS index would.
struct Catalog: Sendable {
    typealias Record = [UInt32: String]

    static let patientName: UInt32 = 0x0010_0010
    static let patientID: UInt32 = 0x0010_0020
    static let studyUID: UInt32 = 0x0020_000D
    static let studyDate: UInt32 = 0x0008_0020
    static let studyDescription: UInt32 = 0x0008_1030
    static let seriesUID: UInt32 = 0x0020_000E
    static let modality: UInt32 = 0x0008_0060
    static let sopInstanceUID: UInt32 = 0x0008_0018
    static let sopClassUID: UInt32 = 0x0008_0016

    let records: [Record]

    /// Three patients, four studies, five images.
    static let sample = Catalog(records: [
        image(patient: ("P1", "DOE^JOHN"), study: ("1.2.3.1", "20240110", "Wound check"), series: "1.2.3.1.1", sop: "1.2.3.1.1.1"),
        image(patient: ("P1", "DOE^JOHN"), study: ("1.2.3.1", "20240110", "Wound check"), series: "1.2.3.1.1", sop: "1.2.3.1.1.2"),
        image(patient: ("P1", "DOE^JOHN"), study: ("1.2.3.2", "20240301", "Follow-up"), series: "1.2.3.2.1", sop: "1.2.3.2.1.1"),
        image(patient: ("P2", "DOE^JANE"), study: ("1.2.3.3", "20231205", "Dermatology"), series: "1.2.3.3.1", sop: "1.2.3.3.1.1"),
        image(patient: ("P3", "MÜLLER^ANNA"), study: ("1.2.3.4", "20240115", "Burns"), series: "1.2.3.4.1", sop: "1.2.3.4.1.1"),
    ])

    static func image(patient: (String, String), study: (String, String, String), series: String, sop: String) -> Record {
        [patientID: patient.0, patientName: patient.1, studyUID: study.0, studyDate: study.1,
         studyDescription: study.2, seriesUID: series, modality: "XC", sopInstanceUID: sop,
         sopClassUID: "1.2.840.10008.5.1.4.1.1.77.1.4"]
    }

    /// The unique key of each level (PS3.4 C.6.1.1).
    static func uniqueKey(_ level: DicomQuery.Level) -> UInt32 {
        switch level {
        case .patient: return patientID
        case .study: return studyUID
        case .series: return seriesUID
        case .image: return sopInstanceUID
        }
    }

    /// One match per entity at the query's level, in catalog order.
    func find(_ query: DicomQuery) -> [[DicomAttribute]] {
        let matcher = DicomQueryMatcher()
        var seen = Set<String>()
        var out: [[DicomAttribute]] = []
        for record in records where matcher.matches(record, keys: query.keys) {
            guard let key = record[Self.uniqueKey(query.level)], seen.insert(key).inserted else { continue }
            out.append(record.sorted { $0.key < $1.key }.map { DicomAttribute($0.key, $0.value) })
        }
        return out
    }

    /// The SOP Instance UIDs of the images the query selects.
    func images(_ query: DicomQuery) -> [String] {
        let matcher = DicomQueryMatcher()
        return records.filter { matcher.matches($0, keys: query.keys) }.compactMap { $0[Self.sopInstanceUID] }
    }
}

import DICOM
import PhotoGateCore
import Storage

/// A C-FIND / C-MOVE / C-GET / QIDO-RS search over the index: which rows to load, and how
/// they group and match at a query level (PS3.4 C.4.1.3.1, hierarchical search).
struct DicomIndexQuery: Sendable {
    let level: DicomQuery.Level
    /// Keys at the query level and above; keys of lower levels are not used for matching
    /// (PS3.4 C.4.1.2.1: they shall not be in a hierarchical query).
    let keys: [DicomAttribute]

    init(level: DicomQuery.Level, keys: [DicomAttribute]) {
        self.level = level
        self.keys = keys.filter { DicomIndexTags.level(of: $0.tag).depth <= level.depth }
    }

    /// Most index rows one query may load.
    static let maxRows = 50_000

    /// Narrowing on indexed columns: single-value or UID-list keys without wild cards.
    var filter: DicomIndexFilter {
        func values(_ tag: UInt32) -> [String]? {
            guard let raw = keys.first(where: { $0.tag == tag })?.value.trimmingCharacters(in: .whitespaces),
                  !raw.isEmpty, !raw.contains("*"), !raw.contains("?") else { return nil }
            return raw.split(separator: "\\").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return DicomIndexFilter(patientIDs: values(DicomTag.patientID),
                                studyInstanceUIDs: values(DicomTag.studyInstanceUID),
                                seriesInstanceUIDs: values(DicomTag.seriesInstanceUID),
                                sopInstanceUIDs: values(DicomTag.sopInstanceUID))
    }

    /// One entity at the query level: its attributes (with the computed ones) and the
    /// instances under it.
    struct Match: Sendable {
        var attributes: [UInt32: String]
        var instances: [DicomInstance]
    }

    /// Groups the rows at the level, adds the computed attributes, keeps the matching groups.
    func matches(_ rows: [DicomInstance], retrieveAETitle: String, matcher: DicomQueryMatcher = DicomQueryMatcher())
        -> [Match]
    {
        var order: [String] = []
        var groups: [String: [DicomInstance]] = [:]
        for row in rows {
            let key = groupKey(row)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.compactMap { key in
            let instances = groups[key]!
            let attributes = Self.attributes(of: instances, at: level, retrieveAETitle: retrieveAETitle)
            return matcher.matches(attributes, keys: keys) ? Match(attributes: attributes, instances: instances) : nil
        }
    }

    private func groupKey(_ row: DicomInstance) -> String {
        switch level {
        case .patient: row.patientID + "|" + (row.attributes[DicomTag.issuerOfPatientID] ?? "")
        case .study: row.studyInstanceUID
        case .series: row.seriesInstanceUID
        case .image: row.sopInstanceUID
        }
    }

    /// The level's own attributes (from its first instance) and above, plus the counts and
    /// lists PS3.4 C.6.1.1 / C.6.2.1 define as computed.
    static func attributes(of instances: [DicomInstance], at level: DicomQuery.Level, retrieveAETitle: String)
        -> [UInt32: String]
    {
        let first = instances[0]
        var out = first.attributes.filter { DicomIndexTags.level(of: $0.key).depth <= level.depth }
        out[DicomTag.patientID] = first.patientID
        out[DicomIndexTags.retrieveAETitle] = retrieveAETitle
        out[DicomIndexTags.instanceAvailability] = "ONLINE"
        let studies = Set(instances.map(\.studyInstanceUID)).count
        let series = Set(instances.map(\.seriesInstanceUID)).count
        switch level {
        case .patient:
            out[DicomIndexTags.numberOfPatientRelatedStudies] = String(studies)
            out[DicomIndexTags.numberOfPatientRelatedSeries] = String(series)
            out[DicomIndexTags.numberOfPatientRelatedInstances] = String(instances.count)
        case .study:
            out[DicomIndexTags.numberOfStudyRelatedSeries] = String(series)
            out[DicomIndexTags.numberOfStudyRelatedInstances] = String(instances.count)
            out[DicomIndexTags.modalitiesInStudy] = distinct(instances.compactMap { $0.attributes[DicomTag.modality] })
            out[DicomIndexTags.sopClassesInStudy] = distinct(instances.map(\.sopClassUID))
        case .series:
            out[DicomIndexTags.numberOfSeriesRelatedInstances] = String(instances.count)
        case .image:
            out[DicomIndexTags.sopClassUID] = first.sopClassUID
            out[DicomIndexTags.transferSyntaxUID] = first.transferSyntaxUID
        }
        return out
    }

    private static func distinct(_ values: [String]) -> String {
        var seen: [String] = []
        for v in values where !seen.contains(v) { seen.append(v) }
        return seen.joined(separator: "\\")
    }
}

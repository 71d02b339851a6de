import DICOM
import DICOMweb
import Foundation
import PhotoGateCore
import Storage

extension Gateway {
    /// QIDO-RS over the DICOM query index (never a scan of the stored files): the same
    /// matching as C-FIND (PS3.4 C.2.2.2, ``DicomIndexQuery``), then `offset`/`limit`, then
    /// the attributes PS3.18 10.6.3.3 names for the level plus the matching keys and
    /// `includefield`s the index holds. One audit record per search.
    func dicomwebSearch(_ query: QIDOQuery, level: QIDOLevel, study: String?, series: String?, pageSize: Int,
                        base: String, by who: Principal) async throws -> DICOMwebSearchResult {
        let dimseLevel: DicomQuery.Level = switch level {
        case .study: .study
        case .series: .series
        case .instance: .image
        }
        var warnings: [String] = []
        if !query.ignored.isEmpty {
            warnings.append("The following query parameters were ignored: \(query.ignored.joined(separator: ", "))")
        }
        if query.fuzzyMatching {
            warnings.append("Fuzzy matching is not supported; only literal matching was performed")
        }
        var keys: [DicomAttribute] = []
        var unsupported: [String] = []
        for key in query.keys {
            if key.tag == DicomTag.studyInstanceUID && study != nil || key.tag == DicomTag.seriesInstanceUID && series != nil {
                continue  // the path decides
            }
            guard Self.matchable(key.tag), DicomIndexTags.level(of: key.tag).depth <= dimseLevel.depth else {
                unsupported.append(DicomToolkit.keyword(key.tag).isEmpty ? DICOMTagText.format(key.tag) : DicomToolkit.keyword(key.tag))
                continue
            }
            keys.append(DicomAttribute(key.tag, key.value))
        }
        if !unsupported.isEmpty {
            warnings.append("Matching on these attributes is not supported at this level; they were ignored: "
                + unsupported.joined(separator: ", "))
        }
        if let study { keys.append(DicomAttribute(DicomTag.studyInstanceUID, study)) }
        if let series { keys.append(DicomAttribute(DicomTag.seriesInstanceUID, series)) }

        let matches = try await searchDicom(level: dimseLevel, keys: keys)
        let limit = query.limit ?? pageSize
        let page = Array(matches.dropFirst(query.offset).prefix(limit))
        if query.limit == nil, matches.count - query.offset > limit {
            warnings.append("There are additional results that can be requested (use offset and limit)")
        }
        let wanted = level.defaults(scopedToStudy: study != nil, scopedToSeries: series != nil)
            + query.keys.map(\.tag) + query.includeFields
        let dataSets = page.map { match -> DICOMJSONDataSet in
            var ds = DICOMJSONDataSet()
            let tags = query.includeAll ? Array(match.attributes.keys) + wanted : wanted
            for tag in tags where tag >> 16 != 0x0002 && ds[tag] == nil {
                if let value = match.attributes[tag] {
                    ds.set(tag, vr: Self.vr(tag), value)
                } else if query.key(tag) != nil {
                    ds.set(tag, vr: Self.vr(tag), "")  // a matching key is returned, empty when unknown
                }
            }
            let a = match.attributes
            ds.set(0x0008_1190, vr: "UR", DICOMwebScope.url(
                base, study: a[DicomTag.studyInstanceUID] ?? "",
                series: level == .study ? nil : a[DicomTag.seriesInstanceUID],
                instance: level == .instance ? a[DicomTag.sopInstanceUID] : nil))
            return ds
        }
        try await writer.write { db in
            try self.audit(db, who, "dicomweb.search", detail: [
                "level": level.rawValue, "matches": String(matches.count), "returned": String(dataSets.count)])
        }
        return DICOMwebSearchResult(dataSets: dataSets, warnings: warnings)
    }

    /// Attributes the index can match on: the indexed ones and the computed ones.
    static func matchable(_ tag: UInt32) -> Bool {
        DicomIndexTags.all.contains(tag) || [
            DicomIndexTags.modalitiesInStudy, DicomIndexTags.sopClassesInStudy,
            DicomIndexTags.numberOfStudyRelatedSeries, DicomIndexTags.numberOfStudyRelatedInstances,
            DicomIndexTags.numberOfSeriesRelatedInstances,
        ].contains(tag)
    }

    /// The dictionary VR of a tag; `UN` when the dictionary does not know it.
    static func vr(_ tag: UInt32) -> String {
        let vr = DicomToolkit.vr(tag)
        // DCMTK names ambiguous VRs (US or SS, OB or OW) with lowercase pseudo VRs.
        return vr.count == 2 && vr.allSatisfy(\.isUppercase) ? vr : (vr == "xs" ? "US" : (vr.isEmpty ? "UN" : "OB"))
    }
}

import DICOM
import PhotoGateCore

/// The study, series or instance a DICOMweb path names (PS3.18 10.4.1 resources).
struct DICOMwebScope: Sendable, Equatable {
    var study: String
    var series: String?
    var instance: String?

    /// The query-index keys that select it.
    var keys: [DicomAttribute] {
        var keys = [DicomAttribute(DicomTag.studyInstanceUID, study)]
        if let series { keys.append(DicomAttribute(DicomTag.seriesInstanceUID, series)) }
        if let instance { keys.append(DicomAttribute(DicomTag.sopInstanceUID, instance)) }
        return keys
    }

    /// What a 404 names.
    var description: String {
        if let instance { return "instance \(instance)" }
        if let series { return "series \(series)" }
        return "study \(study)"
    }

    /// `<base>/studies/S[/series/SE[/instances/I]]`
    static func url(_ base: String, study: String, series: String? = nil, instance: String? = nil) -> String {
        var url = "\(base)/studies/\(study)"
        if let series { url += "/series/\(series)" }
        if let series, let instance { _ = series; url += "/instances/\(instance)" }
        return url
    }
}

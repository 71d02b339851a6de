import DICOMweb

/// What a QIDO-RS search found: one page of results and the warnings for the response.
struct DICOMwebSearchResult: Sendable {
    var dataSets: [DICOMJSONDataSet]
    var warnings: [String]
}

import DICOM
import DICOMweb

/// Read data sets in the DICOM JSON model (PS3.18 F.2).
enum DICOMwebJSON {
    /// Elements read by ``DicomDataSetReader`` as a DICOM JSON data set. Bulk values become
    /// `BulkDataURI`s `<bulkDataBase>/<ggggeeee>` (PS3.18 F.2.6); nested data sets never carry
    /// bulk data (the reader inlines their binary values).
    static func dataSet(_ elements: [DicomDataElement], bulkDataBase: String?) -> DICOMJSONDataSet {
        var ds = DICOMJSONDataSet()
        for element in elements {
            switch element {
            case let .text(tag, vr, value):
                ds[tag] = DICOMJSONElement(vr: vr, dicomString: value)
            case let .bytes(tag, vr, value):
                ds[tag] = DICOMJSONElement(vr: vr, value: value.isEmpty ? .empty : .inlineBinary(value))
            case let .bulk(tag, vr, _):
                ds[tag] = DICOMJSONElement(vr: vr, value: bulkDataBase.map { .bulkDataURI("\($0)/\(DICOMTagText.format(tag))") }
                    ?? .empty)
            case let .sequence(tag, items):
                ds[tag] = DICOMJSONElement(vr: "SQ", value: items.isEmpty ? .empty
                    : .sequence(items.map { dataSet($0, bulkDataBase: nil) }))
            }
        }
        return ds
    }
}

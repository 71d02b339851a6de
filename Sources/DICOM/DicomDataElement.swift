/// One element of a data set as read for the DICOM JSON model (PS3.18 F.2): its value in
/// string form, its bytes, only its length (bulk data), or a sequence of items.
public enum DicomDataElement: Sendable, Equatable {
    /// A non-binary VR: the value in DICOM string form (`\` between values), UTF-8.
    case text(tag: UInt32, vr: String, value: String)
    /// A binary VR (OB, OW, UN, …) small enough to carry inline.
    case bytes(tag: UInt32, vr: String, value: [UInt8])
    /// Pixel Data, or a large top-level binary value: fetched separately (bulk data).
    case bulk(tag: UInt32, vr: String, length: UInt64)
    /// A sequence: one element list per item.
    case sequence(tag: UInt32, items: [[DicomDataElement]])

    public var tag: UInt32 {
        switch self {
        case .text(let t, _, _), .bytes(let t, _, _), .bulk(let t, _, _), .sequence(let t, _): t
        }
    }
}

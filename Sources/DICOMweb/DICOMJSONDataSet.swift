/// A data set in the DICOM JSON model (PS3.18 F.2.1): elements by tag, written in tag order.
public struct DICOMJSONDataSet: Sendable, Equatable {
    public var elements: [UInt32: DICOMJSONElement]

    public init(_ elements: [UInt32: DICOMJSONElement] = [:]) {
        self.elements = elements
    }

    public subscript(tag: UInt32) -> DICOMJSONElement? {
        get { elements[tag] }
        set { elements[tag] = newValue }
    }

    /// The value of a top-level element in DICOM string form, or nil when absent.
    public func string(_ tag: UInt32) -> String? { elements[tag]?.dicomString }

    /// Sets an element from DICOM string form with the given VR.
    public mutating func set(_ tag: UInt32, vr: String, _ dicomString: String) {
        elements[tag] = DICOMJSONElement(vr: vr, dicomString: dicomString)
    }

    /// Tags in ascending order (F.2.1.1: the order of a data set).
    public var sortedTags: [UInt32] { elements.keys.sorted() }
}

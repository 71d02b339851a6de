import Crypto
import Storage

/// An instance a WADO-RS request will read: its index row and what opens its sealed object.
/// Made only after the read was audited (``Gateway/dicomwebObjects(_:action:via:by:)``).
struct DICOMwebObject: Sendable {
    var instance: DicomInstance
    var patientID: String
    var blobs: AssetBlobs
    var key: SymmetricKey
}

import Crypto
import Foundation
import PhotoGateCore
import Storage

/// A photo wrapped to DICOM and sealed into blobs, waiting for the transaction that makes it
/// an asset (``Gateway/recordAsset(_:_:patientID:by:)``). The blobs are written and fsynced
/// before that transaction; when it does not commit, ``Gateway/discard(_:)`` removes them, so
/// no blob stays behind that no asset references.
struct PreparedAsset: Sendable {
    var id: String
    var request: UploadRequest
    /// SNOMED CT code of the resolved body site.
    var bodySite: String?
    var blobs: AssetBlobs
    /// The data key that sealed the blobs.
    var key: SymmetricKey
    /// True when the key was made for this photo (the patient had none): the transaction
    /// adopts it as the patient's data key.
    var keyIsNew: Bool
    var studyInstanceUID: String
    var seriesInstanceUID: String
    var sopInstanceUID: String
    var contentType: String
    var byteCount: Int
    /// What the DICOM query index records of the wrapped object.
    var dicom: (attributes: [UInt32: String], transferSyntax: String, sopClass: String, size: Int64)
    /// Where the photo came from (`upload`, `fhir`), as the index records it.
    var source: String
}

/// What the DICOM header of a photo takes from its patient.
struct AssetSubject: Sendable {
    var identifiers: [PhotoGateCore.Identifier]
    var family: String?
    var given: [String]
    /// `YYYY-MM-DD` and FHIR administrative gender, as the patient record keeps them.
    var birthDate: String?
    var gender: String?

    init(identifiers: [PhotoGateCore.Identifier], family: String?, given: [String], birthDate: String? = nil,
         gender: String? = nil) {
        self.identifiers = identifiers
        self.family = family
        self.given = given
        self.birthDate = birthDate
        self.gender = gender
    }

    init(_ p: Patient) {
        self.init(identifiers: p.identifiers, family: p.family, given: p.given, birthDate: p.birthDate, gender: p.gender)
    }
}

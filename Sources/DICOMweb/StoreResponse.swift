/// The Store Instances Response Module of a STOW-RS answer (PS3.18 10.5.3, Annex I) and the
/// HTTP status that goes with it (PS3.18 Table 10.5.3-1).
public struct StoreResponse: Sendable, Equatable {
    /// An instance that was stored.
    public struct Stored: Sendable, Equatable {
        public var sopClassUID: String
        public var sopInstanceUID: String
        public var retrieveURL: String
        /// Warning Reason (0008,1196), PS3.18 I.2.1.
        public var warningReason: UInt16?

        public init(sopClassUID: String, sopInstanceUID: String, retrieveURL: String, warningReason: UInt16? = nil) {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
            self.retrieveURL = retrieveURL
            self.warningReason = warningReason
        }
    }

    /// An instance (or a part that was not an instance: no UIDs) that was not stored.
    public struct Failed: Sendable, Equatable {
        public var sopClassUID: String?
        public var sopInstanceUID: String?
        /// Failure Reason (0008,1197), PS3.18 I.2.2: A7xx out of resources, A9xx data set does
        /// not match SOP class, Cxxx cannot understand, 0122 SOP class not supported…
        public var reason: UInt16

        public init(sopClassUID: String?, sopInstanceUID: String?, reason: UInt16) {
            self.sopClassUID = sopClassUID
            self.sopInstanceUID = sopInstanceUID
            self.reason = reason
        }
    }

    public var stored: [Stored] = []
    public var failed: [Failed] = []
    /// Retrieve URL (0008,1190) of the study, when every stored instance is in one study.
    public var studyRetrieveURL: String?

    public init() {}

    /// 200 all stored; 202 some stored with failures or warnings; 409 none stored (PS3.18
    /// Table 10.5.3-1: "unable to store any instances … for a mixture of reasons").
    public var httpStatus: Int {
        if failed.isEmpty { return stored.contains { $0.warningReason != nil } ? 202 : 200 }
        return stored.isEmpty ? 409 : 202
    }

    /// The response as a DICOM JSON data set.
    public var dataSet: DICOMJSONDataSet {
        var ds = DICOMJSONDataSet()
        if let studyRetrieveURL { ds.set(0x0008_1190, vr: "UR", studyRetrieveURL) }
        if !stored.isEmpty {
            ds[0x0008_1199] = DICOMJSONElement(vr: "SQ", value: .sequence(stored.map { s in
                var item = DICOMJSONDataSet()
                item.set(0x0008_1150, vr: "UI", s.sopClassUID)
                item.set(0x0008_1155, vr: "UI", s.sopInstanceUID)
                item.set(0x0008_1190, vr: "UR", s.retrieveURL)
                if let w = s.warningReason { item.set(0x0008_1196, vr: "US", String(w)) }
                return item
            }))
        }
        let instances = failed.filter { $0.sopInstanceUID != nil }
        let others = failed.filter { $0.sopInstanceUID == nil }
        if !instances.isEmpty {
            ds[0x0008_1198] = DICOMJSONElement(vr: "SQ", value: .sequence(instances.map { f in
                var item = DICOMJSONDataSet()
                item.set(0x0008_1150, vr: "UI", f.sopClassUID ?? "")
                item.set(0x0008_1155, vr: "UI", f.sopInstanceUID ?? "")
                item.set(0x0008_1197, vr: "US", String(f.reason))
                return item
            }))
        }
        if !others.isEmpty {
            // Other Failures Sequence (0008,119A): failures that name no instance (PS3.18 I.1).
            ds[0x0008_119A] = DICOMJSONElement(vr: "SQ", value: .sequence(others.map { f in
                var item = DICOMJSONDataSet()
                item.set(0x0008_1197, vr: "US", String(f.reason))
                return item
            }))
        }
        return ds
    }
}

import PhotoGateCore

/// A C-FIND, C-MOVE or C-GET identifier as received (PS3.4 C.4).
public struct DicomQuery: Sendable, Equatable {
    /// Query/Retrieve Level (0008,0052) (PS3.4 C.6.1.1, C.6.2.1).
    public enum Level: String, Sendable, CaseIterable {
        case patient = "PATIENT", study = "STUDY", series = "SERIES", image = "IMAGE"
    }

    /// The information model the peer chose (PS3.4 C.6.1 Patient Root, C.6.2 Study Root).
    public enum Root: Sendable, Equatable {
        case patient, study
    }

    public enum Service: Sendable, Equatable {
        case find, move, get
    }

    public let service: Service
    public let root: Root
    public let level: Level
    /// Every non-sequence attribute of the identifier except the level, in the order received;
    /// an empty value is a universal match / return key (PS3.4 C.2.2.2.3).
    public let keys: [DicomAttribute]
    /// C-MOVE: the Move Destination AE title; nil for C-FIND and C-GET.
    public let moveDestination: String?
    public let callingAETitle: String
    public let calledAETitle: String
    public let peerAddress: String

    public init(service: Service, root: Root, level: Level, keys: [DicomAttribute], moveDestination: String? = nil,
                callingAETitle: String = "", calledAETitle: String = "", peerAddress: String = "") {
        self.service = service
        self.root = root
        self.level = level
        self.keys = keys
        self.moveDestination = moveDestination
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
        self.peerAddress = peerAddress
    }

    /// The value of a key, or nil when the identifier does not have it.
    public subscript(tag: UInt32) -> String? { keys.first { $0.tag == tag }?.value }

    /// The response identifier for one match (PS3.4 C.4.1.1.3.2): exactly the requested keys,
    /// with the match's values (zero length when it has none), and Specific Character Set
    /// "ISO_IR 192" when a value is not ASCII and the match does not name one. The shim adds
    /// the Query/Retrieve Level.
    public func response(for match: [DicomAttribute]) -> [DicomAttribute] {
        var values: [UInt32: String] = [:]
        for attribute in match where values[attribute.tag] == nil { values[attribute.tag] = attribute.value }
        var out: [DicomAttribute] = []
        var seen = Set<UInt32>()
        for key in keys where seen.insert(key.tag).inserted {
            out.append(DicomAttribute(key.tag, values[key.tag] ?? ""))
        }
        let charset = DicomTag.specificCharacterSet
        if values[charset] == nil, out.contains(where: { !$0.value.utf8.allSatisfy { $0 < 0x80 } }) {
            out.removeAll { $0.tag == charset }
            out.insert(DicomAttribute(charset, "ISO_IR 192"), at: 0)
        } else if let named = values[charset], !seen.contains(charset) {
            out.insert(DicomAttribute(charset, named), at: 0)
        }
        return out
    }
}

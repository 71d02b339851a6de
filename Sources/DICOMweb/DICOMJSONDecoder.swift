import Foundation

/// Reads DICOM JSON (PS3.18 F.2): an array of data set objects (or one object), as a STOW-RS
/// metadata part carries them (PS3.18 10.5.1.2.2). Strict about the model: eight-digit hex
/// keys, a `vr` on every element, at most one of `Value`, `InlineBinary`, `BulkDataURI`.
public enum DICOMJSONDecoder {
    public enum DecodingError: Error, Sendable, Equatable {
        case notJSON
        case invalid(String)
    }

    /// Deepest sequence nesting accepted.
    public static let maxDepth = 16

    public static func decode(_ bytes: [UInt8]) throws -> [DICOMJSONDataSet] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw DecodingError.notJSON
        }
        if let list = root as? [Any] {
            return try list.map { try dataSet($0, depth: 0) }
        }
        return [try dataSet(root, depth: 0)]
    }

    static func dataSet(_ node: Any, depth: Int) throws -> DICOMJSONDataSet {
        guard depth <= maxDepth else { throw DecodingError.invalid("sequences nested deeper than \(maxDepth)") }
        guard let object = node as? [String: Any] else { throw DecodingError.invalid("a data set must be a JSON object") }
        var out = DICOMJSONDataSet()
        for (key, value) in object {
            guard let tag = DICOMTagText.parse(key) else {
                throw DecodingError.invalid("'\(key.prefix(32))' is not a tag (eight hex digits, PS3.18 F.2.1.1)")
            }
            out[tag] = try element(value, key: key, depth: depth)
        }
        return out
    }

    static func element(_ node: Any, key: String, depth: Int) throws -> DICOMJSONElement {
        guard let object = node as? [String: Any], let vr = object["vr"] as? String,
              vr.count == 2, vr.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw DecodingError.invalid("\(key): an element needs \"vr\" (two capital letters)")
        }
        let forms = ["Value", "InlineBinary", "BulkDataURI"].filter { object[$0] != nil }
        guard forms.count <= 1 else { throw DecodingError.invalid("\(key): more than one of Value, InlineBinary, BulkDataURI") }
        if let text = object["InlineBinary"] {
            guard let s = text as? String, let data = Data(base64Encoded: s, options: .ignoreUnknownCharacters) else {
                throw DecodingError.invalid("\(key): InlineBinary is not base64")
            }
            return DICOMJSONElement(vr: vr, value: .inlineBinary(Array(data)))
        }
        if let uri = object["BulkDataURI"] {
            guard let s = uri as? String, !s.isEmpty else { throw DecodingError.invalid("\(key): BulkDataURI is not a string") }
            return DICOMJSONElement(vr: vr, value: .bulkDataURI(s))
        }
        guard let raw = object["Value"] else { return DICOMJSONElement(vr: vr, value: .empty) }
        guard let values = raw as? [Any] else { throw DecodingError.invalid("\(key): Value must be an array") }
        if values.isEmpty { return DICOMJSONElement(vr: vr, value: .empty) }
        switch vr {
        case "SQ":
            return DICOMJSONElement(vr: vr, value: .sequence(try values.map { try dataSet($0, depth: depth + 1) }))
        case "PN":
            return DICOMJSONElement(vr: vr, value: .personNames(try values.map { v -> PersonName? in
                if v is NSNull { return nil }
                guard let groups = v as? [String: Any] else { throw DecodingError.invalid("\(key): a PN value must be an object") }
                return PersonName(alphabetic: groups["Alphabetic"] as? String, ideographic: groups["Ideographic"] as? String,
                                  phonetic: groups["Phonetic"] as? String)
            }))
        case _ where DICOMJSONElement.numberVRs.contains(vr):
            return DICOMJSONElement(vr: vr, value: .numbers(try values.map { v -> String? in
                if v is NSNull { return nil }
                if let n = v as? NSNumber, String(cString: n.objCType) != "c" { return n.stringValue }
                // Some writers send IS/DS as strings; accept a decimal number in string form.
                if let s = v as? String, let n = JSONNumberText.normalize(s) { return n }
                throw DecodingError.invalid("\(key): a \(vr) value must be a number")
            }))
        default:
            return DICOMJSONElement(vr: vr, value: .strings(try values.map { v -> String? in
                if v is NSNull { return nil }
                guard let s = v as? String else { throw DecodingError.invalid("\(key): a \(vr) value must be a string") }
                return s
            }))
        }
    }
}

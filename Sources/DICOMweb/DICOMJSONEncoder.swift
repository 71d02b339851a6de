import Foundation

/// Writes data sets as DICOM JSON (PS3.18 F.2): an array of objects keyed by tag, each
/// element `{"vr": …, "Value": […]}` or with `InlineBinary` / `BulkDataURI`; an element
/// without value has only `vr`. Keys in tag order; no insignificant white space.
public enum DICOMJSONEncoder {
    /// `[ {…}, {…} ]` — the form of every DICOMweb JSON response (F.2.1).
    public static func encode(_ dataSets: [DICOMJSONDataSet]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, ds) in dataSets.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            write(ds, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// One data set as a JSON object.
    public static func encode(_ dataSet: DICOMJSONDataSet) -> [UInt8] {
        var out: [UInt8] = []
        write(dataSet, into: &out)
        return out
    }

    static func write(_ ds: DICOMJSONDataSet, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, tag) in ds.sortedTags.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(DICOMTagText.format(tag), into: &out)
            out.append(UInt8(ascii: ":"))
            write(ds.elements[tag]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func write(_ e: DICOMJSONElement, into out: inout [UInt8]) {
        raw("{\"vr\":", into: &out)
        string(e.vr, into: &out)
        switch e.value {
        case .empty: break
        case .strings(let values):
            raw(",\"Value\":[", into: &out)
            list(values, into: &out) { v, out in if let v { string(v, into: &out) } else { raw("null", into: &out) } }
        case .numbers(let values):
            raw(",\"Value\":[", into: &out)
            list(values, into: &out) { v, out in raw(v ?? "null", into: &out) }
        case .personNames(let values):
            raw(",\"Value\":[", into: &out)
            list(values, into: &out) { v, out in
                guard let v else { return raw("null", into: &out) }
                var first = true
                out.append(UInt8(ascii: "{"))
                for (key, group) in [("Alphabetic", v.alphabetic), ("Ideographic", v.ideographic), ("Phonetic", v.phonetic)] {
                    guard let group else { continue }
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    string(key, into: &out)
                    out.append(UInt8(ascii: ":"))
                    string(group, into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        case .sequence(let items):
            raw(",\"Value\":[", into: &out)
            list(items, into: &out) { item, out in write(item, into: &out) }
        case .inlineBinary(let bytes):
            raw(",\"InlineBinary\":", into: &out)
            string(Data(bytes).base64EncodedString(), into: &out)
        case .bulkDataURI(let uri):
            raw(",\"BulkDataURI\":", into: &out)
            string(uri, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func list<T>(_ values: [T], into out: inout [UInt8], _ each: (T, inout [UInt8]) -> Void) {
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            each(v, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func raw(_ s: String, into out: inout [UInt8]) { out.append(contentsOf: s.utf8) }

    /// A JSON string (RFC 8259 7): quotes, backslash and control characters escaped.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"", into: &out)
            case UInt8(ascii: "\\"): raw("\\\\", into: &out)
            case 0x0A: raw("\\n", into: &out)
            case 0x0D: raw("\\r", into: &out)
            case 0x09: raw("\\t", into: &out)
            case 0..<0x20:
                let hex = String(b, radix: 16)
                raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, into: &out)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

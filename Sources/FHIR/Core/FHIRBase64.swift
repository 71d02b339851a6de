import Foundation

/// base64Binary checks (FHIR R4 datatypes.html, "base64Binary": RFC 4648 base64; the XML
/// schema allows whitespace between groups, which is ignored here too).
enum FHIRBase64 {
    static func isValid(_ text: String) -> Bool {
        var count = 0, padding = 0
        for b in text.utf8 {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="):
                padding += 1
            case _ where FHIRPrimitiveType.isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/"):
                if padding > 0 { return false }
            default:
                return false
            }
            count += 1
        }
        return count > 0 && count % 4 == 0 && padding <= 2
    }

    /// The decoded bytes, or nil when `text` is not valid base64.
    static func decode(_ text: String) -> Data? {
        guard isValid(text) else { return nil }
        return Data(base64Encoded: String(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}

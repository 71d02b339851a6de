/// Tags as PS3.18 writes them: eight uppercase hex digits `ggggeeee` (F.2.1.1).
public enum DICOMTagText {
    /// `0x0020000D` → `0020000D`
    public static func format(_ tag: UInt32) -> String {
        let hex = String(tag, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// `0020000D` (any case) → `0x0020000D`; nil unless exactly eight hex digits.
    public static func parse(_ text: some StringProtocol) -> UInt32? {
        guard text.count == 8, text.allSatisfy(\.isHexDigit) else { return nil }
        return UInt32(text, radix: 16)
    }
}

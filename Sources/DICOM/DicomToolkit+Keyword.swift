import CDcmtkShim

extension DicomToolkit {
    /// The tag of a data dictionary keyword (`PatientID` → 0x00100020), or nil when the
    /// dictionary has no such keyword (PS3.6 keywords, as QIDO-RS query parameters use them).
    public static func tag(keyword: String) -> UInt32? {
        var tag: UInt32 = 0
        return pgd_tag_for_keyword(keyword, &tag) == 1 ? tag : nil
    }
}

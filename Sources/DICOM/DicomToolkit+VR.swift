import CDcmtkShim

extension DicomToolkit {
    /// The dictionary VR of a tag, e.g. `PN`, or "" when the tag is unknown.
    public static func vr(_ tag: UInt32) -> String {
        var buf = [CChar](repeating: 0, count: 8)
        pgd_tag_vr(tag, &buf, buf.count)
        return decodeCString(buf)
    }
}

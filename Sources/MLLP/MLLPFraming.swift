/// The bytes of MLLP release 2 framing (HL7 v2.5.1 Appendix C, "Minimal Lower Layer
/// Protocol", release 2): a frame is `<VT>` payload `<FS><CR>`, and the payload may contain
/// neither `<VT>` nor `<FS>`.
public enum MLLPFraming {
    /// `<VT>`, start block.
    public static let startBlock: UInt8 = 0x0B
    /// `<FS>`, end block.
    public static let endBlock: UInt8 = 0x1C
    /// `<CR>`, after the end block.
    public static let carriageReturn: UInt8 = 0x0D

    /// Bytes tolerated between frames without comment: CR, LF, space, tab (senders such as
    /// HAPI- and Mirth-based ones add line breaks between frames).
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09
    }
}

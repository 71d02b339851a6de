import HL7

/// Realistic ADT messages from three sender styles, written for these tests (no real patient):
///
/// - Epic-like: `|^~\&`, v2.5.1, UTF-8 declared in MSH-18, enhanced mode (MSH-15 `AL`,
///   MSH-16 `NE`), identifiers with assigning authority and type (`E1234567^^^EPI^MR`),
///   a site Z-segment.
/// - Mirth-generated: a channel configured with other delimiters, `!$*@%` (field `!`,
///   component `$`, repetition `*`, escape `@`, subcomponent `%`), v2.4, original mode.
/// - Cloverleaf-like legacy feed: v2.3, ISO 8859-1 (`8859/1`), LF between segments.
///
/// Each sample is canonical (every segment ends with CR) unless its name says otherwise.
enum HL7Samples {
    static func message(_ segments: String...) -> String {
        segments.map { $0 + "\r" }.joined()
    }

    /// Epic-like admission; PID-11 holds an escaped component separator (`Apt 4^B`).
    static let epicA01 = message(
        #"MSH|^~\&|EPIC|NWH^2.16.840.1.113883.3.9999^ISO|PHOTOGATE|NWH|20250314083015-0500||ADT^A01^ADT_A01|887266|P|2.5.1|||AL|NE||UNICODE UTF-8"#,
        #"EVN|A01|20250314083000-0500||ADM|JSMITH^Smith^Jane^^^^^^EPIC"#,
        #"PID|1||E1234567^^^EPI^MR~123456789^^^USSSA^SS||Müller^Zoë^Anne^^^^L||19800229|F|||12 Rue de l'Église^Apt 4\S\B^Springfield^IL^62701^USA^H||^PRN^PH^^1^217^5550142|||M||E1234567001"#,
        #"PV1|1|I|4W^412^A^NWH||||1234567^Welby^Marcus^^^MD|||MED||||1|||1234567^Welby^Marcus^^^MD|IN||SELF"#,
        #"ZPG|1|WOUND-PHOTO-PROTOCOL|Y"#
    )

    /// Epic-like update carrying a death (PID-29 date/time, PID-30 `Y`), original mode, ASCII.
    static let epicA08Death = message(
        #"MSH|^~\&|EPIC|NWH|PHOTOGATE|NWH|20250320150102-0500||ADT^A08^ADT_A01|887301|P|2.5.1"#,
        #"EVN|A08|20250320150000-0500"#,
        #"PID|1||E1234567^^^EPI^MR||MULLER^ZOE^ANNE||19800229|F|||||||||||||||||||||20250320143000-0500|Y"#,
        #"PV1|1|I|4W^412^A^NWH"#
    )

    /// Mirth-generated discharge with PV1-36 = 20 (expired) and escaped delimiters in NTE-3.
    static let mirthA03 = message(
        #"MSH!$*@%!MIRTH!ST-JUDE$1.2.3$ISO!PHOTOGATE!ST-JUDE!20250321101500!!ADT$A03!MC-000042!P!2.4"#,
        #"EVN!A03!20250321101200"#,
        #"PID!1!!SJ-778812$$$STJ$MR*SJ-0001$$$STJ$PI!!O'BRIEN$SEAN$$$$$L!!19470612!M"#,
        #"PV1!1!I!ICU$07$1!!!!99001$HOUSE$GREGORY!!!MED!!!!!!!!!V-55012!!!!!!!!!!!!!!!!!20!!!!!!!!20250310083000!20250321094500"#,
        #"NTE!1!!Family says: 50@S@50 chance @F@ call @E@ first"#
    )

    /// Cloverleaf-like merge (A40 with MRG), v2.3, ISO 8859-1, LF between segments — not
    /// canonical: it encodes back with CR.
    static let cloverleafA40Text =
        [
            #"MSH|^~\&|CLOVERLEAF|HOSP|PHOTOGATE|HOSP|200503141200||ADT^A40|CL0001|P|2.3||||||8859/1"#,
            #"EVN|A40|200503141200"#,
            #"PID|1||MRN-NEW^^^HOSP^MR||FRANÇOIS^RENÉ"#,
            #"MRG|MRN-OLD^^^HOSP^MR"#,
        ].joined(separator: "\n") + "\n"

    /// ``cloverleafA40Text`` as ISO 8859-1 bytes.
    static var cloverleafA40Bytes: [UInt8] { HL7Charset.latin1.encode(cloverleafA40Text) }

    /// A v2.8 message with the v2.7+ truncation character in MSH-2.
    static let v28Truncation = message(
        #"MSH|^~\&#|HIS|H1|PHOTOGATE|H1|20250101120000||ADT^A01^ADT_A01|T28-1|P|2.8"#,
        #"PID|1||X1^^^H1^MR||O\P\NEIL^ANN"#
    )
}

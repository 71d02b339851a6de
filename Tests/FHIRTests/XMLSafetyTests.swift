import FHIR
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Hostile XML never reaches the parser's entity machinery (PLATFORM.md, "XML"): XXE and
/// billion-laughs payloads give a `structure` error, read no file and open no connection,
/// whatever their encoding disguise.
struct XMLSafetyTests {
    /// A file with a secret, its access time set in the past so a read would show (relatime).
    struct SecretFile {
        let path: String
        let secret = "TOP-SECRET-\(UUID().uuidString)"

        init(in dir: String) throws {
            path = dir + "/secret.txt"
            try Data(secret.utf8).write(to: URL(fileURLWithPath: path))
            var times = [timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: Int(Date().timeIntervalSince1970), tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        }

        var accessTime: Int {
            var st = stat()
            stat(path, &st)
            return st.st_atim.tv_sec
        }
    }

    static func xxe(_ secretPath: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file://\(secretPath)">]>
        \(narrative("&xxe;"))
        """
    }

    /// A Patient whose narrative holds `content`: text is where a parser expands entities.
    static func narrative(_ content: String) -> String {
        #"<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>"#
            + content + "</p></div></text><gender value=\"female\"/></Patient>"
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">&lol9;</div></text></Patient>
        """

    private func expectRefused(_ data: Data, leaking secret: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let resource = try FHIRXML.decode(data)
            Issue.record("decoded a hostile document: \(resource)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.codes.contains(.structure), "\(error)", sourceLocation: sourceLocation)
            if let secret { #expect(!error.description.contains(secret), sourceLocation: sourceLocation) }
        }
    }

    @Test func xxeFileEntityIsRefusedAndTheFileIsNotRead() throws {
        // Given a file with a secret and a payload whose entity points at it
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try SecretFile(in: dir)
        let before = file.accessTime
        // When the payload is decoded, Then it is refused without the secret anywhere
        expectRefused(Data(Self.xxe(file.path).utf8), leaking: file.secret)
        // And the file was not opened for reading (its access time would have moved)
        #expect(file.accessTime == before)
        // Control: reading the file does move the access time on this file system
        _ = try Data(contentsOf: URL(fileURLWithPath: file.path))
        if file.accessTime == before { print("note: access times are not updated here; the read check proved nothing") }
    }

    @Test func xxeVariantsAreRefused() throws {
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try SecretFile(in: dir)
        let body = Self.narrative("&xxe;")
        let payloads = [
            // parameter entity pulling in an external DTD
            #"<!DOCTYPE Patient [<!ENTITY % p SYSTEM "file://\#(file.path)"> %p;]>"# + body,
            // external DTD subset
            #"<!DOCTYPE Patient SYSTEM "file://\#(file.path)">"# + body,
            // lower-case keyword, leading whitespace
            "  \n<!doctype Patient [<!ENTITY xxe SYSTEM \"file://\(file.path)\">]>" + body,
            // an entity declaration without a DOCTYPE, and other declarations
            #"<!ENTITY xxe SYSTEM "file://\#(file.path)">"# + body,
            Self.narrative("<!ELEMENT x ANY>"),
            // an entity reference with no declaration at all is not well-formed
            body,
        ]
        for payload in payloads { expectRefused(Data(payload.utf8), leaking: file.secret) }
        #expect(file.accessTime == 946_684_800)
    }

    @Test func xxeDisguisedByEncodingIsRefused() throws {
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try SecretFile(in: dir)
        let payload = Self.xxe(file.path).replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        let utf16LE = Data([0xFF, 0xFE]) + payload.data(using: .utf16LittleEndian)!
        let utf16BE = Data([0xFE, 0xFF]) + payload.data(using: .utf16BigEndian)!
        let utf16NoBOM = payload.data(using: .utf16BigEndian)!
        let bomThenDoctype = Data([0xEF, 0xBB, 0xBF]) + Data(Self.xxe(file.path).utf8)
        let doubleBOM = Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) + Data(Self.xxe(file.path).utf8)
        let utf7 = Data(#"<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE Patient +AFs-+ADw-!ENTITY xxe SYSTEM +ACI-file://\#(file.path)+ACI-+AD4-+AF0-+AD4-<Patient xmlns="http://hl7.org/fhir"/>"#.utf8)
        let ebcdicLike = Data([0x4C, 0x6F, 0xA7, 0x94]) + Data("<Patient/>".utf8)
        let nulInside = Data(#"<Patient xmlns="http://hl7.org/fhir">"#.utf8) + Data([0]) + Data("</Patient>".utf8)
        for payload in [utf16LE, utf16BE, utf16NoBOM, bomThenDoctype, doubleBOM, utf7, ebcdicLike, nulInside] {
            expectRefused(payload, leaking: file.secret)
        }
        #expect(file.accessTime == 946_684_800)
    }

    @Test func externalEntityOverHTTPOpensNoConnection() throws {
        // Given a listener on a free loopback port and a payload whose entity points at it
        let listener = try LoopbackListener()
        defer { listener.close() }
        let payload = """
            <!DOCTYPE Patient [<!ENTITY xxe SYSTEM "http://127.0.0.1:\(listener.port)/leak">]>
            \(Self.narrative("&xxe;"))
            """
        // When it is decoded, Then it is refused and nobody connected
        expectRefused(Data(payload.utf8))
        #expect(!listener.hasPendingConnection())
    }

    @Test(.timeLimit(.minutes(1)))
    func billionLaughsIsRefusedQuickly() {
        let start = Date()
        expectRefused(Data(Self.billionLaughs.utf8))
        #expect(Date().timeIntervalSince(start) < 1)
        // One large entity referenced many times (the case that cost 22 s with defaults)
        let big = String(repeating: "x", count: 100_000)
        let quadratic = "<!DOCTYPE Patient [<!ENTITY a \"\(big)\">]>" + Self.narrative(String(repeating: "&a;", count: 10_000))
        let quadraticStart = Date()
        expectRefused(Data(quadratic.utf8))
        #expect(Date().timeIntervalSince(quadraticStart) < 1)
    }

    @Test func narrativeInJSONGetsTheSameProtection() throws {
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try SecretFile(in: dir)
        let div = #"<!DOCTYPE div [<!ENTITY xxe SYSTEM \"file://\#(file.path)\">]><div xmlns=\"http://www.w3.org/1999/xhtml\">&xxe;</div>"#
        let json = #"{"resourceType":"Patient","text":{"status":"generated","div":"\#(div)"}}"#
        let error = try #require(throws: FHIRError.self) { try FHIRJSON.decode(Data(json.utf8)) }
        #expect(error.issues.map(\.path) == ["Patient.text.div"])
        #expect(!error.description.contains(file.secret))
        #expect(file.accessTime == 946_684_800)
    }

    @Test func ordinaryXMLWithBOMDeclarationCommentsAndCDATAIsAccepted() throws {
        let xml = Data([0xEF, 0xBB, 0xBF]) + Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <!-- exported by the EHR -->
            <Patient xmlns="http://hl7.org/fhir" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://hl7.org/fhir patient.xsd">
              <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>a <![CDATA[<b> & ]]>&#233;</p></div></text>
              <gender value="female"/>
            </Patient>
            """.utf8)
        let patient = try FHIRXML.decode(Patient.self, from: xml)
        #expect(patient.gender == .female)
        #expect(patient.text?.div == #"<div xmlns="http://www.w3.org/1999/xhtml"><p>a &lt;b&gt; &amp; é</p></div>"#)
    }
}

/// A TCP listener on 127.0.0.1 and a free port, to see whether anything connects.
final class LoopbackListener {
    private let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 4) == 0 else {
            _ = Glibc.close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// True when a connection is waiting to be accepted.
    func hasPendingConnection() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 200) > 0
    }

    func close() { _ = Glibc.close(fd) }
}

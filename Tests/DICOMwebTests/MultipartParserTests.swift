import DICOMweb
import Testing

struct MultipartParserTests {
    static let body = Array((
        "preamble to ignore\r\n--b0und\r\nContent-Type: application/dicom+json\r\n\r\n[{}]\r\n"
        + "--b0und  \r\nContent-Type: image/jpeg\r\nContent-Location: http://x/1\r\n\r\n").utf8)
        + [0xFF, 0xD8] + Array("--b0un\r\n--b0und--\r\nepilogue".utf8)

    /// Feeds `bytes` in chunks of `size` and folds the events into parts.
    static func parts(_ bytes: [UInt8], chunk size: Int, limits: MultipartLimits = MultipartLimits()) throws
        -> [(headers: [(name: String, value: String)], body: [UInt8])]
    {
        var parser = try MultipartParser(boundary: "b0und", limits: limits)
        var out: [(headers: [(name: String, value: String)], body: [UInt8])] = []
        var i = 0
        while i < bytes.count {
            for event in try parser.feed(bytes[i..<min(bytes.count, i + size)]) {
                switch event {
                case .headers(let h): out.append((h, []))
                case .body(let b): out[out.count - 1].body += b
                case .end: break
                }
            }
            i += size
        }
        try parser.finish()
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func partsAreTheSameWhateverTheChunking(size: Int) throws {
        // Given a body with a preamble, two parts, transport padding and an epilogue
        // When it arrives in chunks of `size` bytes
        let parts = try Self.parts(Self.body, chunk: size)
        // Then both parts come out whole, with their headers
        #expect(parts.count == 2)
        #expect(parts[0].headers.header("content-type") == "application/dicom+json")
        #expect(parts[0].body == Array("[{}]".utf8))
        #expect(parts[1].headers.header("Content-Location") == "http://x/1")
        #expect(parts[1].body == [0xFF, 0xD8] + Array("--b0un".utf8))
    }

    @Test func aPartWithoutHeadersAndABodyStartingWithTheDelimiter() throws {
        let parts = try Self.parts(Array("--b0und\r\n\r\nabc\r\n--b0und--".utf8), chunk: 4)
        #expect(parts.count == 1)
        #expect(parts[0].headers.isEmpty)
        #expect(parts[0].body == Array("abc".utf8))
    }

    @Test func aBodyWithoutTheCloseDelimiterIsTruncated() {
        #expect(throws: MultipartParser.DecodingError.truncated) {
            _ = try Self.parts(Array("--b0und\r\n\r\nabc".utf8), chunk: 3)
        }
    }

    @Test func aBodyWithoutAnyDelimiterIsMalformed() {
        #expect(throws: MultipartParser.DecodingError.self) { _ = try Self.parts(Array("just text".utf8), chunk: 100) }
    }

    @Test func aBadHeaderLineIsMalformed() {
        #expect(throws: MultipartParser.DecodingError.malformed("part header line without a name and colon")) {
            _ = try Self.parts(Array("--b0und\r\nno colon here\r\n\r\nabc\r\n--b0und--".utf8), chunk: 100)
        }
    }

    @Test func limitsAreCheckedWhileParsing() {
        let body = Array("--b0und\r\n\r\n0123456789\r\n--b0und\r\n\r\nx\r\n--b0und--".utf8)
        #expect(throws: MultipartParser.DecodingError.partTooLarge(limit: 5)) {
            _ = try Self.parts(body, chunk: 3, limits: MultipartLimits(maxPartBytes: 5))
        }
        #expect(throws: MultipartParser.DecodingError.tooManyParts(limit: 1)) {
            _ = try Self.parts(body, chunk: 3, limits: MultipartLimits(maxParts: 1))
        }
        #expect(throws: MultipartParser.DecodingError.bodyTooLarge(limit: 20)) {
            _ = try Self.parts(body, chunk: 3, limits: MultipartLimits(maxBodyBytes: 20))
        }
        let headers = Array(("--b0und\r\nX-A: " + String(repeating: "a", count: 100) + "\r\n\r\nx\r\n--b0und--").utf8)
        #expect(throws: MultipartParser.DecodingError.headersTooLarge(limit: 50)) {
            _ = try Self.parts(headers, chunk: 7, limits: MultipartLimits(maxHeaderBytes: 50))
        }
    }

    @Test func theBoundaryComesFromTheContentType() throws {
        let type = try #require(MediaType("multipart/related; type=\"application/dicom\"; boundary=\"a b:c\""))
        #expect(try MultipartParser(contentType: type).boundary == "a b:c")
        #expect(throws: MultipartParser.DecodingError.invalidBoundary) {
            try MultipartParser(contentType: try #require(MediaType("multipart/related; type=application/dicom")))
        }
        #expect(throws: MultipartParser.DecodingError.invalidBoundary) { try MultipartParser(boundary: "") }
    }
}

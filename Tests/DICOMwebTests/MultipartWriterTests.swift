import DICOMweb
import Testing

struct MultipartWriterTests {
    @Test func whatTheWriterWritesTheParserReadsBack() throws {
        // Given two parts, one of them binary with CRLFs and dashes inside
        let binary: [UInt8] = [0, 13, 10, 45, 45, 255, 13, 10]
        let body = MultipartWriter.body([
            (headers: [("Content-Type", "application/dicom")], body: binary),
            (headers: [("Content-Type", "image/jpeg")], body: []),
        ], boundary: "xyz")
        // When parsed
        var parser = try MultipartParser(boundary: "xyz")
        let events = try parser.feed(body)
        try parser.finish()
        // Then the parts come back as written
        #expect(events == [.headers([("content-type", "application/dicom")]), .body(binary), .end,
                           .headers([("content-type", "image/jpeg")]), .end])
    }

    @Test func theContentTypeNamesTheRootTypeAndBoundary() {
        let writer = MultipartWriter(boundary: "abc")
        #expect(writer.contentType(partType: .dicom) == "multipart/related; type=\"application/dicom\"; boundary=abc")
    }

    @Test func anEmptyBodyIsOnlyTheCloseDelimiter() {
        #expect(MultipartWriter(boundary: "q").close() == Array("--q--\r\n".utf8))
    }
}

import DICOMweb
import Testing

struct AcceptHeaderTests {
    static let dicom = MediaType.multipartRelated(type: .dicom)

    @Test func noHeaderAcceptsTheFirstOffer() {
        #expect(AcceptHeader(nil).choose(from: [.dicomJSON, .json])?.offer == .dicomJSON)
    }

    @Test func multipartRangesMatchOnTheirTypeParameter() {
        #expect(AcceptHeader("multipart/related; type=\"application/dicom\"").choose(from: [Self.dicom])?.offer == Self.dicom)
        #expect(AcceptHeader("multipart/related").choose(from: [Self.dicom]) != nil)
        #expect(AcceptHeader("multipart/related; type=\"application/dicom+xml\"").choose(from: [Self.dicom]) == nil)
        #expect(AcceptHeader("application/dicom").choose(from: [Self.dicom]) == nil)
    }

    @Test func theTransferSyntaxAskedForIsReported() {
        let choice = AcceptHeader("multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.50")
            .choose(from: [Self.dicom])
        #expect(choice?.transferSyntax == "1.2.840.10008.1.2.4.50")
    }

    @Test func qualityOrdersAndZeroRefuses() {
        #expect(AcceptHeader("application/json;q=0.5, application/dicom+json").choose(from: [.json, .dicomJSON])?.offer == .dicomJSON)
        #expect(AcceptHeader("image/*, image/jpeg;q=0").choose(from: [.jpeg]) == nil)
        #expect(AcceptHeader("image/png").choose(from: [.jpeg]) == nil)
        #expect(AcceptHeader("*/*").choose(from: [.jpeg])?.offer == .jpeg)
    }

    @Test func mediaTypesParseQuotedParameters() throws {
        let m = try #require(MediaType("Multipart/Related; Type=\"application/dicom\"; boundary=\"x;y\""))
        #expect(m.essence == "multipart/related")
        #expect(m.parameter("type") == "application/dicom")
        #expect(m.parameter("BOUNDARY") == "x;y")
        #expect(MediaType("not a media type") == nil)
    }
}

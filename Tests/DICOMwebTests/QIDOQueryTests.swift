import DICOMweb
import Testing

struct QIDOQueryTests {
    static let dictionary: [String: UInt32] = [
        "PatientID": 0x0010_0020, "StudyDate": 0x0008_0020, "StudyInstanceUID": 0x0020_000D, "PatientName": 0x0010_0010,
    ]

    static func parse(_ p: [(String, String)]) throws -> QIDOQuery {
        try QIDOQuery(p.map { (name: $0.0, value: $0.1) }, resolve: { dictionary[$0] },
                      vr: { $0 == 0x0020_000D ? "UI" : "LO" }, maxLimit: 1000)
    }

    @Test func keywordsTagsAndControlParameters() throws {
        let q = try Self.parse([("PatientID", "MRN*"), ("00080020", "20260101-"), ("includefield", "PatientName,00081030"),
                                ("limit", "10"), ("offset", "5"), ("fuzzymatching", "true"), ("StudyInstanceUID", "1.2,1.3")])
        #expect(q.keys.map(\.tag) == [0x0010_0020, 0x0008_0020, 0x0020_000D])
        #expect(q.key(0x0020_000D) == "1.2\\1.3")  // UID list matching
        #expect(q.includeFields == [0x0010_0010, 0x0008_1030])
        #expect(q.limit == 10 && q.offset == 5 && q.fuzzyMatching)
        #expect(try Self.parse([("includefield", "all")]).includeAll)
    }

    @Test func sequencePathsAreIgnoredAndReported() throws {
        #expect(try Self.parse([("ReferencedSeriesSequence.SeriesInstanceUID", "1.2")]).ignored
            == ["ReferencedSeriesSequence.SeriesInstanceUID"])
    }

    @Test(arguments: [[("NoSuchKeyword", "x")], [("limit", "-1")], [("limit", "1001")], [("offset", "x")],
                      [("fuzzymatching", "yes")], [("PatientID", "a"), ("00100020", "b")]])
    func badParametersAreRefused(parameters: [(String, String)]) {
        #expect(throws: QIDOQuery.ParseError.self) { _ = try Self.parse(parameters) }
    }

    @Test func levelDefaultsIncludeTheLevelsAboveWhenNotScoped() {
        let all = QIDOLevel.instance.defaults(scopedToStudy: false, scopedToSeries: false)
        #expect(all.contains(0x0020_000D) && all.contains(0x0020_000E) && all.contains(0x0008_0018))
        let scoped = QIDOLevel.instance.defaults(scopedToStudy: true, scopedToSeries: true)
        #expect(!scoped.contains(0x0010_0020) && !scoped.contains(0x0008_0060))
        #expect(Set(all).count == all.count)
    }
}

import HL7
import Testing

/// The terser-like path syntax.
struct HL7PathTests {
    @Test(arguments: [
        ("PID-3", "PID", 1, 3, nil, nil, nil),
        ("PID-3[2].4.1", "PID", 1, 3, 2, 4, 1),
        ("NK1(2)-2.1", "NK1", 2, 2, nil, 1, nil),
        ("MSH-9.2", "MSH", 1, 9, nil, 2, nil),
        ("ZPG(10)-12[3]", "ZPG", 10, 12, 3, nil, nil),
    ] as [(String, String, Int, Int, Int?, Int?, Int?)])
    func validPathsParse(text: String, segment: String, occurrence: Int, field: Int, repetition: Int?, component: Int?,
                         subcomponent: Int?) throws {
        // Given a path string; When parsed
        let path = try HL7Path(text)
        // Then every position is read, and it prints back as written
        #expect(path.segment == segment)
        #expect(path.segmentRepetition == occurrence)
        #expect(path.field == field)
        #expect(path.fieldRepetition == repetition)
        #expect(path.component == component)
        #expect(path.subcomponent == subcomponent)
        #expect(path.description == text)
    }

    @Test(arguments: [
        "", "PID", "PID-", "PID3", "pid-3", "PI-3", "PIDX-3", "1ID-3", "PID-0", "PID-3[0]", "PID-3.0", "PID(0)-3",
        "PID-3.", "PID-3..1", "PID-3[2", "PID-3[]", "PID-3.1.1.1", "PID-3 ", " PID-3", "PID-10000", "PID-3.x",
        "PID(-1)-3", "PID-1234567",
    ])
    func invalidPathsAreRefused(text: String) {
        // Given a malformed path; When parsed; Then it is refused with the path named
        #expect {
            try HL7Path(text)
        } throws: { error in
            (error as? HL7Path.SyntaxError)?.path == text
        }
    }

    @Test func subcomponentNeedsAComponent() {
        // Given positions with a subcomponent but no component; When built; Then refused
        #expect(throws: HL7Path.SyntaxError.self) {
            try HL7Path(segment: "PID", field: 3, subcomponent: 1)
        }
    }

    @Test func omittedPositionsReadTheFirst() throws {
        // Given PID-3 with two repetitions of several components
        let message = try HL7Message(parsing: HL7Samples.epicA01)
        // Then PID-3 reads PID(1)-3[1].1.1
        #expect(message.value(at: "PID-3") == message.value(at: "PID(1)-3[1].1.1"))
        #expect(message.value(at: "PID-3.4") == message.value(at: "PID-3[1].4.1"))
    }
}

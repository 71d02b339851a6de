import Foundation
import PhotoGateCore
@testable import Storage
import Testing

struct JSONColumnTests {
    @Test func handWrittenJSONRoundTripsThroughJSONDecoder() {
        let tricky = "quote \" backslash \\ newline \n tab \t control \u{01} unicode é 😀 </script>"
        let payload: [String: JSONValue] = [
            "b": .string(tricky), "a": .array([.number(1), .number(2.5), .bool(true), .null]),
            "nested": .object(["z": "x", "y": .array([])]),
        ]
        let text = JSONColumn.encode(payload)
        #expect(text.hasPrefix("{\"a\":[1,2.5,true,null],\"b\":"))  // keys sorted, numbers plain
        #expect(JSONColumn.decode([String: JSONValue].self, text) == payload)
        let detail = ["k\"ey": tricky, "plain": "x"]
        #expect(JSONColumn.decode([String: String].self, JSONColumn.encode(detail)) == detail)
    }
}

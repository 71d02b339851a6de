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

    /// The direct reader of string arrays agrees with a full JSON parser, and hands anything
    /// it does not read itself (escapes, spaces, other values) to it.
    @Test func stringArraysReadDirectlyAgreeWithTheJSONParser() throws {
        let alphabet = Array("ab-é😀\"\\ ,[]\n")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let list = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            #expect(JSONColumn.decode([String].self, JSONColumn.encode(list)) == list, "\(list)")
        }
        #expect(JSONColumn.strings(#"["website","print"]"#) == ["website", "print"])
        #expect(JSONColumn.strings("[]") == [])
        for other in [#"[ "a" ]"#, #"["a",]"#, #"["a\"b"]"#, "[1]", #"["a""b"]"#, "", #"{"a":"b"}"#] {
            #expect(JSONColumn.strings(other) == nil, "\(other)")
        }
        #expect(JSONColumn.decode([String].self, #"[ "a" , "b" ]"#) == ["a", "b"])
    }
}

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

    /// The exact text matters: audit records hash their detail as written, and verifying the
    /// chain writes it again, so the encoding of stored records must never change.
    @Test func writesTheSameTextAsEver() {
        #expect(JSONColumn.encode(["k": "a\u{1}\u{1f}\"\\\n\r\té😀", "a": "x"])
            == #"{"a":"x","k":"a\u0001\u001f\"\\\n\r\té😀"}"#)
        #expect(JSONColumn.encode(["b", ""]) == #"["b",""]"#)
        #expect(JSONColumn.encode(["n": JSONValue.number(3), "m": .number(-0.5), "t": .bool(false), "z": .null])
            == #"{"m":-0.5,"n":3,"t":false,"z":null}"#)
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

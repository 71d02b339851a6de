import HL7
import MLLP
import NIOCore
import NIOEmbedded
import Testing

/// Framing outbound payloads (ACKs) in MLLP release 2.
struct MLLPFrameEncoderTests {
    @Test func payloadIsWrappedInStartAndEndBlocks() throws {
        // Given a channel with the encoder; When a payload is written
        let channel = EmbeddedChannel(handler: MessageToByteHandler(MLLPFrameEncoder()))
        try channel.writeOutbound(ByteBuffer(string: "MSA|AA|1\r"))
        // Then it goes out as VT payload FS CR
        let framed = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(framed.readableBytesView) == [0x0B] + Array("MSA|AA|1\r".utf8) + [0x1C, 0x0D])
        #expect(try channel.finish().isClean)
    }

    @Test func payloadHoldingAFramingByteIsRefused() {
        // Given a payload with an end block inside; When written; Then it is refused, naming the offset
        let channel = EmbeddedChannel(handler: MessageToByteHandler(MLLPFrameEncoder()))
        #expect(throws: MLLPFrameEncoder.EncodingError.reservedByteInPayload(offset: 3)) {
            try channel.writeOutbound(ByteBuffer(bytes: Array("MSA".utf8) + [0x1C]))
        }
    }

    @Test func encodedAcknowledgmentDecodesBackToItself() throws {
        // Given an ACK with text holding control characters (escaped by HL7, so never framing bytes)
        var ack = HL7Message(encoding: HL7Encoding(charset: .utf8))
        ack.set("ACK", at: "MSH-9")
        ack.set("AE", at: "MSA-1")
        ack.set("bad byte \u{1C} and \u{0B} in Zoë's note", at: "ERR-8")
        let encoder = EmbeddedChannel(handler: MessageToByteHandler(MLLPFrameEncoder()))
        let decoder = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder()))
        // When framed by the encoder and read by the decoder
        try encoder.writeOutbound(ByteBuffer(bytes: ack.encodedBytes()))
        try decoder.writeInbound(try #require(try encoder.readOutbound(as: ByteBuffer.self)))
        let payload = try #require(try decoder.readInbound(as: ByteBuffer.self))
        // Then the payload is the ACK, byte for byte
        #expect(try HL7Message(parsing: Array(payload.readableBytesView)) == ack)
        #expect(try encoder.finish().isClean)
        #expect(try decoder.finish().isClean)
    }
}

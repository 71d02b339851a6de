import HL7
import MLLP
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

/// The MLLP release 2 framer, fed byte by byte, in batches and shuffled
/// (`ByteToMessageDecoderVerifier`), and through an `EmbeddedChannel` for every error.
struct MLLPFrameDecoderTests {
    static let vt = "\u{0B}"
    static let end = "\u{1C}\r"
    static let message = "MSH|^~\\&|EPIC|NWH|PHOTOGATE|NWH|20250101||ADT^A01|1|P|2.5.1\rPID|1||E1^^^EPI^MR\r"

    static func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    @Test func framesDecodeWhateverTheChunking() throws {
        // Given frames alone, after white space, after noise, empty, and restarted mid-frame
        let pairs: [(ByteBuffer, [ByteBuffer])] = [
            (Self.buffer(Self.vt + Self.message + Self.end), [Self.buffer(Self.message)]),
            (Self.buffer("\r\n \t" + Self.vt + "A" + Self.end + "\n"), [Self.buffer("A")]),
            (Self.buffer("xyz" + Self.vt + "B|C" + Self.end), [Self.buffer("B|C")]),
            (Self.buffer(Self.vt + Self.end), [Self.buffer("")]),
            (Self.buffer(Self.vt + "partial" + Self.vt + "whole" + Self.end), [Self.buffer("whole")]),
            (Self.buffer([0x0B, 0xC3, 0xA9, 0x0D, 0x0A, 0x1C, 0x0D]), [Self.buffer([0xC3, 0xA9, 0x0D, 0x0A])]),
            (Self.buffer(Self.vt + "one" + Self.end + Self.vt + "two" + Self.end), [Self.buffer("one"), Self.buffer("two")]),
        ]
        // When fed byte by byte, whole, and all at once in any order; Then each payload comes out once
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { MLLPFrameDecoder() }
    }

    @Test func payloadIsPassedOnWithoutFraming() throws {
        // Given a channel with the decoder; When one frame arrives
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder()))
        try channel.writeInbound(Self.buffer(Self.vt + Self.message + Self.end))
        // Then the payload parses as the HL7 message sent
        let payload = try #require(try channel.readInbound(as: ByteBuffer.self))
        let parsed = try HL7Message(parsing: Array(payload.readableBytesView))
        #expect(parsed.header.controlID == "1")
        #expect(try channel.finish().isClean)
    }

    @Test func noiseIsDiscardedAndReported() throws {
        // Given a recorder of user events after the decoder
        let recorder = EventRecorder()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(MLLPFrameDecoder()), recorder])
        // When noise, a frame, white space, an abandoned partial frame and a frame arrive
        try channel.writeInbound(Self.buffer("junk" + Self.vt + "A" + Self.end + "\r\n" + Self.vt + "ab" + Self.vt + "B" + Self.end))
        // Then both frames come out and the discarded bytes are reported (white space is not noise)
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.buffer("A"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.buffer("B"))
        #expect(recorder.events == [MLLPFrameDecoder.NoiseDiscarded(byteCount: 4), MLLPFrameDecoder.NoiseDiscarded(byteCount: 3)])
        #expect(try channel.finish().isClean)
    }

    @Test func noiseAtEndOfInputIsReportedNotRaised() throws {
        let recorder = EventRecorder()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(MLLPFrameDecoder()), recorder])
        // When a frame is followed by a few stray bytes and the peer closes
        try channel.writeInbound(Self.buffer(Self.vt + "A" + Self.end + "zz\r\n"))
        _ = try channel.readInbound(as: ByteBuffer.self)
        // Then closing is clean and the noise reported
        #expect(try channel.finish().isClean)
        #expect(recorder.events == [MLLPFrameDecoder.NoiseDiscarded(byteCount: 2)])
    }

    @Test func onlyGarbageIsAnError() {
        // Given a peer that sends no start block, more than the noise allowance
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder(maximumNoiseBytes: 12)))
        // When it has sent 12 bytes of noise (white space does not count), then one more
        #expect(throws: Never.self) { try channel.writeInbound(Self.buffer("GET / HTTP/1.1\r\n\r\n")) }
        // Then the decoder raises garbage before start block
        #expect(throws: MLLPFrameDecoder.DecodingError.garbageBeforeStartBlock(byteCount: 13)) {
            try channel.writeInbound(Self.buffer("Host"))
        }
    }

    @Test func frameLargerThanTheMaximumIsAnErrorBeforeItEnds() {
        // Given a maximum of 8 payload bytes
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder(maximumFrameSize: 8)))
        // When 8 bytes are in; Then it waits; When a 9th arrives, still without an end block
        #expect(throws: Never.self) { try channel.writeInbound(Self.buffer(Self.vt + "12345678")) }
        // Then it is too large, without waiting for the rest
        #expect(throws: MLLPFrameDecoder.DecodingError.frameTooLarge(maximum: 8)) {
            try channel.writeInbound(Self.buffer("9"))
        }
    }

    @Test func frameOfExactlyTheMaximumIsAccepted() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder(maximumFrameSize: 8)))
        try channel.writeInbound(Self.buffer(Self.vt + "12345678" + Self.end))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.buffer("12345678"))
        #expect(try channel.finish().isClean)
    }

    @Test func completeFrameLargerThanTheMaximumIsAnError() {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder(maximumFrameSize: 8)))
        #expect(throws: MLLPFrameDecoder.DecodingError.frameTooLarge(maximum: 8)) {
            try channel.writeInbound(Self.buffer(Self.vt + "123456789" + Self.end))
        }
    }

    @Test func endBlockWithoutCarriageReturnIsAnError() {
        // Given a frame whose end block is followed by a line feed
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder()))
        // When the byte after the end block arrives; Then missing CR names it
        #expect(throws: Never.self) { try channel.writeInbound(Self.buffer(Self.vt + "MSH|\u{1C}")) }
        #expect(throws: MLLPFrameDecoder.DecodingError.missingCarriageReturn(found: 0x0A)) {
            try channel.writeInbound(Self.buffer("\n"))
        }
    }

    @Test func partialFrameAtEndOfInputIsAnError() throws {
        // Given a frame that has started
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder()))
        try channel.writeInbound(Self.buffer(Self.vt + "MSH|^~\\&|A"))
        // When the peer closes; Then the leftover bytes are reported as a truncated frame
        #expect(throws: MLLPFrameDecoder.DecodingError.truncatedFrame(byteCount: 10)) {
            _ = try channel.finish()
        }
    }

    @Test func endBlockWithoutItsCarriageReturnAtEndOfInputIsTruncated() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MLLPFrameDecoder()))
        try channel.writeInbound(Self.buffer(Self.vt + "AB\u{1C}"))
        #expect(throws: MLLPFrameDecoder.DecodingError.truncatedFrame(byteCount: 3)) {
            _ = try channel.finish()
        }
    }

    @Test func errorsDescribeThemselvesWithoutPayload() {
        let errors: [MLLPFrameDecoder.DecodingError] = [
            .garbageBeforeStartBlock(byteCount: 2000), .frameTooLarge(maximum: 10), .missingCarriageReturn(found: 0x0A),
            .truncatedFrame(byteCount: 5),
        ]
        #expect(errors.map(\.description) == [
            "MLLP: 2000 bytes of noise before a start block (0x0B)", "MLLP: frame larger than 10 bytes",
            "MLLP: end block (0x1C) followed by 0xa, not CR", "MLLP: input ended inside a frame after 5 payload bytes",
        ])
    }

    @Test func defaultMaximumIsTheHL7MessageLimit() {
        #expect(MLLPFrameDecoder().maximumFrameSize == HL7Limits.default.maxMessageBytes)
    }
}

/// Records the MLLP user events that reach it.
final class EventRecorder: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private(set) var events: [MLLPFrameDecoder.NoiseDiscarded] = []

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let noise = event as? MLLPFrameDecoder.NoiseDiscarded { events.append(noise) }
        context.fireUserInboundEventTriggered(event)
    }
}

import HL7
import NIOCore

/// Splits a byte stream into MLLP release 2 frames and passes each payload on.
///
///     +------+----------------------------------+------+------+
///     | <VT> | payload: one HL7 message          | <FS> | <CR> |
///     | 0x0B | any bytes but 0x0B and 0x1C       | 0x1C | 0x0D |
///     +------+----------------------------------+------+------+
///
/// For example the stream
///
///     +-----------+--------------------+---------------+
///     | \n VT MSH | |…\r FS CR VT MSH|… | \r FS CR      |
///     +-----------+--------------------+---------------+
///
/// gives two payloads, `MSH|…\r` and `MSH|…\r`, without their framing bytes.
///
/// Between frames:
/// - white space (CR, LF, space, tab) is dropped silently;
/// - other bytes are noise: MLLP release 2 has receivers discard what lies outside a frame, so
///   they are skipped up to the next start block and reported to the pipeline as a
///   ``NoiseDiscarded`` user event. More than ``maximumNoiseBytes`` of noise in a row is no
///   longer a stray byte but a peer that does not speak MLLP:
///   ``DecodingError/garbageBeforeStartBlock(byteCount:)`` is raised, and the listener closes
///   the connection.
///
/// Inside a frame:
/// - a start block means the sender gave up on the frame and started again: the partial frame
///   is discarded (a ``NoiseDiscarded`` event) and the new one read;
/// - a payload longer than ``maximumFrameSize`` raises ``DecodingError/frameTooLarge(maximum:)``
///   as soon as it is known, without buffering the rest;
/// - an end block followed by anything but CR raises
///   ``DecodingError/missingCarriageReturn(found:)``.
///
/// At end of input, a frame that has started but not ended raises
/// ``DecodingError/truncatedFrame(byteCount:)`` (the leftover bytes are counted, not carried:
/// they are patient data).
public struct MLLPFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// Why the stream cannot be read as MLLP.
    public enum DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// More than ``MLLPFrameDecoder/maximumNoiseBytes`` bytes that are neither white space nor
        /// a start block arrived between frames.
        case garbageBeforeStartBlock(byteCount: Int)
        /// A payload grew past ``MLLPFrameDecoder/maximumFrameSize`` bytes.
        case frameTooLarge(maximum: Int)
        /// The end block was followed by this byte instead of CR.
        case missingCarriageReturn(found: UInt8)
        /// The input ended inside a frame, this many payload bytes in.
        case truncatedFrame(byteCount: Int)

        public var description: String {
            switch self {
            case .garbageBeforeStartBlock(let n): "MLLP: \(n) bytes of noise before a start block (0x0B)"
            case .frameTooLarge(let max): "MLLP: frame larger than \(max) bytes"
            case .missingCarriageReturn(let byte): "MLLP: end block (0x1C) followed by 0x\(String(byte, radix: 16)), not CR"
            case .truncatedFrame(let n): "MLLP: input ended inside a frame after \(n) payload bytes"
            }
        }
    }

    /// A user inbound event: this many bytes outside a frame (or of an abandoned partial frame)
    /// were discarded.
    public struct NoiseDiscarded: Hashable, Sendable {
        public let byteCount: Int

        public init(byteCount: Int) { self.byteCount = byteCount }
    }

    private enum State {
        /// Between frames; `noise` bytes discarded since the last frame.
        case idle(noise: Int)
        /// After a start block; the first `scanned` payload bytes hold no end or start block.
        case inFrame(scanned: Int)
    }

    /// Largest payload accepted, in bytes.
    public let maximumFrameSize: Int
    /// Most noise accepted between two frames, in bytes.
    public let maximumNoiseBytes: Int
    private var state: State = .idle(noise: 0)

    /// - Parameters:
    ///   - maximumFrameSize: largest payload; by default the HL7 parser's largest message.
    ///   - maximumNoiseBytes: most noise tolerated in a row between frames.
    public init(maximumFrameSize: Int = HL7Limits.default.maxMessageBytes, maximumNoiseBytes: Int = 1024) {
        precondition(maximumFrameSize > 0 && maximumNoiseBytes >= 0)
        self.maximumFrameSize = maximumFrameSize
        self.maximumNoiseBytes = maximumNoiseBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        switch state {
        case .idle(let noise):
            return try skipToStartBlock(context: context, buffer: &buffer, noise: noise) ? .continue : .needMoreData
        case .inFrame(let scanned):
            switch try readPayload(context: context, buffer: &buffer, scanned: scanned) {
            case .frame(let payload):
                context.fireChannelRead(Self.wrapInboundOut(payload))
                return .continue
            case .restarted:
                return .continue
            case .incomplete:
                return .needMoreData
            }
        }
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        switch state {
        case .inFrame:
            throw DecodingError.truncatedFrame(byteCount: buffer.readableBytes)
        case .idle(let noise):
            if noise > 0 {
                context.fireUserInboundEventTriggered(NoiseDiscarded(byteCount: noise))
                state = .idle(noise: 0)
            }
        }
        return .needMoreData
    }

    /// Drops white space and noise up to a start block, which it consumes; whether it found one.
    private mutating func skipToStartBlock(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, noise: Int
    ) throws -> Bool {
        var noise = noise
        while let byte = buffer.readInteger(as: UInt8.self) {
            if byte == MLLPFraming.startBlock {
                if noise > 0 { context.fireUserInboundEventTriggered(NoiseDiscarded(byteCount: noise)) }
                state = .inFrame(scanned: 0)
                return true
            }
            if !MLLPFraming.isWhitespace(byte) {
                noise += 1
                if noise > maximumNoiseBytes { throw DecodingError.garbageBeforeStartBlock(byteCount: noise) }
            }
        }
        state = .idle(noise: noise)
        return false
    }

    private enum Scan {
        case frame(ByteBuffer)
        /// A start block inside the frame: the partial frame before it was discarded.
        case restarted
        case incomplete
    }

    /// Looks for the end of the current frame.
    private mutating func readPayload(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, scanned: Int
    ) throws -> Scan {
        let bytes = buffer.readableBytesView
        let from = bytes.index(bytes.startIndex, offsetBy: scanned)
        guard let found = bytes[from...].firstIndex(where: { $0 == MLLPFraming.endBlock || $0 == MLLPFraming.startBlock })
        else {
            guard bytes.count <= maximumFrameSize else { throw DecodingError.frameTooLarge(maximum: maximumFrameSize) }
            state = .inFrame(scanned: bytes.count)
            return .incomplete
        }
        let length = found - bytes.startIndex
        guard length <= maximumFrameSize else { throw DecodingError.frameTooLarge(maximum: maximumFrameSize) }
        if bytes[found] == MLLPFraming.startBlock {
            buffer.moveReaderIndex(forwardBy: length + 1)
            context.fireUserInboundEventTriggered(NoiseDiscarded(byteCount: length + 1))
            state = .inFrame(scanned: 0)
            return .restarted
        }
        guard length + 1 < bytes.count else {
            state = .inFrame(scanned: length)
            return .incomplete
        }
        let next = bytes[found + 1]
        guard next == MLLPFraming.carriageReturn else { throw DecodingError.missingCarriageReturn(found: next) }
        let payload = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 2)
        state = .idle(noise: 0)
        return .frame(payload)
    }
}

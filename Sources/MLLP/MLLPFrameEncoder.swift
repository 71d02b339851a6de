import NIOCore

/// Wraps each outbound payload (one encoded HL7 message) in an MLLP release 2 frame:
///
///     +------+---------+------+------+
///     | <VT> | payload | <FS> | <CR> |
///     | 0x0B |         | 0x1C | 0x0D |
///     +------+---------+------+------+
///
/// A payload holding a start or end block could not be told from the framing, so it is
/// refused with ``EncodingError/reservedByteInPayload(offset:)``. (``HL7Message`` never writes
/// one: control characters in values are escaped as `\Xhh\`.)
public struct MLLPFrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = ByteBuffer

    /// Why a payload cannot be framed.
    public enum EncodingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The payload holds 0x0B or 0x1C at this offset.
        case reservedByteInPayload(offset: Int)

        public var description: String {
            switch self {
            case .reservedByteInPayload(let offset): "MLLP: payload holds a framing byte (0x0B or 0x1C) at offset \(offset)"
            }
        }
    }

    public init() {}

    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        let reserved = data.readableBytesView.firstIndex { $0 == MLLPFraming.startBlock || $0 == MLLPFraming.endBlock }
        if let offset = reserved {
            throw EncodingError.reservedByteInPayload(offset: offset - data.readerIndex)
        }
        out.reserveCapacity(minimumWritableBytes: data.readableBytes + 3)
        out.writeInteger(MLLPFraming.startBlock)
        out.writeImmutableBuffer(data)
        out.writeInteger(MLLPFraming.endBlock)
        out.writeInteger(MLLPFraming.carriageReturn)
    }
}

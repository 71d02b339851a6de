import Foundation
import PhotoGateCore

/// Buffered reading of a JPEG's marker structure from any ``ByteSource``.
struct ChunkReader<Source: ByteSource> {
    var source: Source
    private var buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var end = 0
    /// Offset in the source of `buffer[0]`, for messages.
    private var base: UInt64 = 0
    private let storage: BufferStorage

    init(source: Source, chunkSize: Int = 1 << 20) {
        self.source = source
        storage = BufferStorage(size: chunkSize)
        buffer = storage.buffer
    }

    private var offset: UInt64 { base + UInt64(position) }

    /// Refills the buffer; false at the end of the source.
    private mutating func fill() throws -> Bool {
        base += UInt64(end)
        position = 0
        end = try source.read(into: buffer)
        return end > 0
    }

    mutating func readByte() throws -> UInt8? {
        if position == end, try !fill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func requireByte(_ what: String) throws -> UInt8 {
        guard let b = try readByte() else { throw JPEGError.truncated("the data ends inside \(what)") }
        return b
    }

    /// Reads `0xFF`, fill bytes, and the marker code.
    mutating func readMarker() throws -> UInt8 {
        let at = offset
        guard let first = try readByte() else {
            throw JPEGError.truncated("the data ends before the EOI marker")
        }
        guard first == 0xFF else {
            throw JPEGError.malformed(String(format: "expected a marker at offset %llu, found 0x%02X", at, first))
        }
        var m = try requireByte("a marker")
        while m == 0xFF { m = try requireByte("a marker") }
        guard m != 0x00 else { throw JPEGError.malformed("stray 0xFF00 at offset \(at)") }
        return m
    }

    /// Reads the two length bytes and the payload of a marker segment.
    mutating func readSegmentPayload(marker: UInt8) throws -> [UInt8] {
        let what = String(format: "marker segment 0x%02X", marker)
        let length = Int(try requireByte(what)) << 8 | Int(try requireByte(what))
        guard length >= 2 else { throw JPEGError.malformed("\(what) has length \(length)") }
        var payload = [UInt8](repeating: 0, count: length - 2)
        var filled = 0
        while filled < payload.count {
            if position == end, try !fill() { throw JPEGError.truncated("the data ends inside \(what)") }
            let n = min(end - position, payload.count - filled)
            payload.withUnsafeMutableBytes { dst in
                dst.baseAddress!.advanced(by: filled).copyMemory(from: buffer.baseAddress! + position, byteCount: n)
            }
            position += n
            filled += n
        }
        return payload
    }

    /// Copies entropy-coded data (including 0xFF00 stuffing, RSTn and fill bytes) to `sink`
    /// and returns the marker that ends it, consumed but not written.
    mutating func copyEntropyData<Sink: ByteSink>(to sink: inout Sink) throws -> UInt8 {
        while true {
            if position == end, try !fill() { throw JPEGError.truncated("the data ends before the EOI marker") }
            let start = buffer.baseAddress! + position
            let found = memchr(start, 0xFF, end - position)
            let run = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? (end - position)
            if run > 0 { try sink.write(UnsafeRawBufferPointer(start: start, count: run)) }
            position += run
            guard found != nil else { continue }
            position += 1  // the 0xFF
            guard let next = try readByte() else { throw JPEGError.truncated("the data ends before the EOI marker") }
            switch next {
            case 0x00, 0xD0...0xD7:
                try sink.write([0xFF, next])
            case 0xFF:  // fill byte; the second 0xFF may start a marker
                try sink.write([0xFF])
                position -= 1
            default:
                return next
            }
        }
    }

    /// Consumes and counts the rest of the source.
    mutating func skipToEnd() throws -> UInt64 {
        var count = UInt64(end - position)
        position = end
        while try fill() { count += UInt64(end) ; position = end }
        return count
    }
}

/// Owns the chunk buffer (freed with the reader).
final class BufferStorage {
    let buffer: UnsafeMutableRawBufferPointer
    init(size: Int) { buffer = .allocate(byteCount: size, alignment: 16) }
    deinit { buffer.deallocate() }
}

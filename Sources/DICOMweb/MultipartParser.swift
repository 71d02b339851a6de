import Foundation

/// Splits a `multipart/related` body (RFC 2387 over RFC 2046 5.1) into parts as the bytes
/// arrive, so a part's body can go to a file without the whole request in memory
/// (PS3.18 8.6.1.2: STOW-RS and WADO-RS payloads).
///
/// ```
///  [preamble] CRLF? "--" boundary *LWSP CRLF            <- first delimiter
///      header-name ":" value CRLF ... CRLF               <- part headers (may be none)
///      body bytes ...                                    <- any bytes, until
///  CRLF "--" boundary *LWSP CRLF                         <- next part, or
///  CRLF "--" boundary "--" [epilogue]                    <- close delimiter
/// ```
///
/// Feed bytes with ``feed(_:)`` and take the events; call ``finish()`` at the end of the
/// body: a body that ends before the close delimiter is malformed. Every limit in
/// ``MultipartLimits`` is checked while parsing, before bytes pile up.
public struct MultipartParser: Sendable {
    /// Why a body was refused.
    public enum DecodingError: Error, Sendable, Equatable {
        /// The boundary parameter is missing or not a valid RFC 2046 boundary.
        case invalidBoundary
        /// Syntax error: no delimiter, a bad header line, bytes after a delimiter.
        case malformed(String)
        /// The body ends before the close delimiter.
        case truncated
        case bodyTooLarge(limit: Int)
        case partTooLarge(limit: Int)
        case tooManyParts(limit: Int)
        case headersTooLarge(limit: Int)
    }

    private enum State {
        case preamble
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    public let boundary: String
    public let limits: MultipartLimits
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes received but not yet reported; starts with CRLF so that a body opening with
    /// the delimiter line needs no special case.
    private var buffer: [UInt8] = [13, 10]
    private var total = 0
    private var parts = 0
    private var partBytes = 0

    public init(boundary: String, limits: MultipartLimits = MultipartLimits()) throws {
        // RFC 2046 5.1.1: 1-70 bchars, not ending with a space.
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
        guard (1...70).contains(boundary.count), boundary.allSatisfy(allowed.contains), boundary.last != " " else {
            throw DecodingError.invalidBoundary
        }
        self.boundary = boundary
        self.limits = limits
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The parser for a `Content-Type` header's media type (its `boundary` parameter).
    public init(contentType: MediaType, limits: MultipartLimits = MultipartLimits()) throws {
        guard contentType.type == "multipart", let boundary = contentType.parameter("boundary") else {
            throw DecodingError.invalidBoundary
        }
        try self.init(boundary: boundary, limits: limits)
    }

    /// Whether the close delimiter has been seen.
    public var isComplete: Bool { if case .epilogue = state { true } else { false } }

    /// Takes the next bytes of the body and returns what they completed.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws -> [MultipartEvent] {
        total += bytes.count
        guard total <= limits.maxBodyBytes else { throw DecodingError.bodyTooLarge(limit: limits.maxBodyBytes) }
        if case .epilogue = state { return [] }
        buffer.append(contentsOf: bytes)
        var events: [MultipartEvent] = []
        while try step(&events) {}
        return events
    }

    /// The end of the body: throws when the close delimiter has not been seen.
    public func finish() throws {
        guard isComplete else {
            if case .preamble = state { throw DecodingError.malformed("no part delimiter --\(boundary) found") }
            throw DecodingError.truncated
        }
    }

    /// One step of the state machine; false when more bytes are needed.
    private mutating func step(_ events: inout [MultipartEvent]) throws -> Bool {
        switch state {
        case .preamble:
            if let i = find(delimiter, in: buffer) {
                buffer.removeFirst(i + delimiter.count)
                state = .afterDelimiter
                return true
            }
            keepTail()
            return false
        case .afterDelimiter:
            guard buffer.count >= 2 else { return false }
            if buffer[0] == 0x2D, buffer[1] == 0x2D {  // "--": close delimiter
                buffer.removeAll()
                state = .epilogue
                return false
            }
            var i = 0
            while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
            guard i + 1 < buffer.count else {
                if i > 256 { throw DecodingError.malformed("a delimiter line is too long") }
                return false
            }
            guard buffer[i] == 13, buffer[i + 1] == 10 else {
                throw DecodingError.malformed("bytes after the boundary on a delimiter line")
            }
            buffer.removeFirst(i + 2)
            parts += 1
            guard parts <= limits.maxParts else { throw DecodingError.tooManyParts(limit: limits.maxParts) }
            state = .headers
            return true
        case .headers:
            let end: Int
            if buffer.count >= 2, buffer[0] == 13, buffer[1] == 10 {
                end = 0  // no headers
            } else if let i = find([13, 10, 13, 10], in: buffer) {
                end = i + 2
            } else {
                guard buffer.count <= limits.maxHeaderBytes else {
                    throw DecodingError.headersTooLarge(limit: limits.maxHeaderBytes)
                }
                return false
            }
            guard end <= limits.maxHeaderBytes else { throw DecodingError.headersTooLarge(limit: limits.maxHeaderBytes) }
            events.append(.headers(try Self.headers(buffer[..<end])))
            buffer.removeFirst(end + 2)
            partBytes = 0
            state = .body
            return true
        case .body:
            if let i = find(delimiter, in: buffer) {
                try emit(count: i, &events)
                events.append(.end)
                buffer.removeFirst(delimiter.count)
                state = .afterDelimiter
                return true
            }
            try emit(count: max(0, buffer.count - (delimiter.count - 1)), &events)
            return false
        case .epilogue:
            buffer.removeAll()
            return false
        }
    }

    /// Reports the first `count` buffered bytes as part body.
    private mutating func emit(count: Int, _ events: inout [MultipartEvent]) throws {
        guard count > 0 else { return }
        partBytes += count
        guard partBytes <= limits.maxPartBytes else { throw DecodingError.partTooLarge(limit: limits.maxPartBytes) }
        events.append(.body(Array(buffer[..<count])))
        buffer.removeFirst(count)
    }

    /// Drops preamble bytes that cannot start a delimiter.
    private mutating func keepTail() {
        let keep = delimiter.count - 1
        if buffer.count > keep { buffer.removeFirst(buffer.count - keep) }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Header lines (`Name: value`, continuation lines folded in), names lowercased.
    static func headers(_ block: ArraySlice<UInt8>) throws -> [(name: String, value: String)] {
        guard !block.isEmpty else { return [] }
        var out: [(name: String, value: String)] = []
        let text = String(decoding: block, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            if line.first == " " || line.first == "\t" {
                guard !out.isEmpty else { throw DecodingError.malformed("a part header starts with white space") }
                out[out.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw DecodingError.malformed("part header line without a name and colon")
            }
            out.append((line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return out
    }
}

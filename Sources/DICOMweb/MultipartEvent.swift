/// What ``MultipartParser`` reports, in order: for each part its headers, its body in one or
/// more pieces, and its end.
public enum MultipartEvent: Sendable, Equatable {
    /// A part begins; header names are lowercased, values trimmed (RFC 2046 5.1.1, RFC 5322).
    case headers([(name: String, value: String)])
    /// Part body bytes (a part's body may arrive in any number of pieces).
    case body([UInt8])
    /// The part ended at its delimiter.
    case end

    public static func == (a: MultipartEvent, b: MultipartEvent) -> Bool {
        switch (a, b) {
        case (.headers(let x), .headers(let y)): x.map(\.name) == y.map(\.name) && x.map(\.value) == y.map(\.value)
        case (.body(let x), .body(let y)): x == y
        case (.end, .end): true
        default: false
        }
    }
}

extension Array where Element == (name: String, value: String) {
    /// The first header with this (lowercase) name.
    public func header(_ name: String) -> String? { first { $0.name == name.lowercased() }?.value }
}

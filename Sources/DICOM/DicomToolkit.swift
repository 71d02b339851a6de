import CDcmtkShim
import Foundation
import PhotoGateCore

/// Process-wide DCMTK set-up. Call ``initialize(dictionaryPath:)`` once at start-up, before
/// threads are started (it sets `TCP_NODELAY` in the environment for DCMTK's sockets).
public enum DicomToolkit {
    private static let state = Mutex<PGError??>(nil)

    /// Loads and checks the data dictionary. Later calls return the first call's outcome.
    public static func initialize(dictionaryPath: String? = nil) throws {
        let outcome: PGError? = state.withLock { stored in
            if let done = stored { return done }
            var err = pgd_error()
            let rc = pgd_init(dictionaryPath, 6, &err)
            let result: PGError? = rc == PGD_OK ? nil : PGError(.dicomToolkitUnavailable, shimMessage(err))
            stored = .some(result)
            return result
        }
        if let outcome { throw outcome }
    }

    /// Identifies PhotoGate in the file meta information (PS3.10 §7.1): Implementation
    /// Class UID under the 2.25 arc, fixed for the product.
    public static let implementationClassUID = "2.25.45507155598592024816646277120867770622"
    public static let implementationVersionName = "PHOTOGATE_01"

    /// The dictionary keyword of a tag, e.g. `PatientName`.
    public static func keyword(_ tag: UInt32) -> String {
        var buf = [CChar](repeating: 0, count: 128)
        pgd_tag_keyword(tag, &buf, buf.count)
        return decodeCString(buf)
    }

    /// The name DCMTK knows for a UID, e.g. `VLPhotographicImageStorage`.
    public static func uidName(_ uid: String) -> String {
        var buf = [CChar](repeating: 0, count: 128)
        pgd_uid_name(uid, &buf, buf.count)
        return decodeCString(buf)
    }
}

func shimMessage(_ err: pgd_error) -> String {
    var e = err
    return withUnsafeBytes(of: &e.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
}

/// A small lock-protected box (Synchronization.Mutex needs newer OS availability checks).
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// The UTF-8 text in a NUL-terminated C buffer.
func decodeCString(_ buf: [CChar]) -> String {
    String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

import CDcmtkShim
import Foundation

// Plumbing shared by DicomServer and DicomClient: C strings that outlive a call, fixed-size
// C buffers, and the shim's error codes.

/// Copies of Swift strings as C strings, freed with the arena.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    func callAsFunction(_ s: String) -> UnsafePointer<CChar> {
        let p = strdup(s)!
        pointers.append(p)
        return UnsafePointer(p)
    }

    /// A C array of C strings (the array itself is owned by the arena too).
    func array(_ strings: [String]) -> UnsafePointer<UnsafePointer<CChar>?> {
        let list = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(1, strings.count))
        for (i, s) in strings.enumerated() { list[i] = self(s) }
        arrays.append(list)
        return UnsafePointer(list)
    }

    private var arrays: [UnsafeMutablePointer<UnsafePointer<CChar>?>] = []

    deinit {
        pointers.forEach { free($0) }
        arrays.forEach { $0.deallocate() }
    }
}

/// The UTF-8 text of a fixed-size C char array imported as a tuple.
func tupleString<T>(_ tuple: T) -> String {
    withUnsafeBytes(of: tuple) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
}

extension DicomNetworkError {
    /// The error for a failed shim call.
    init(shim code: Int32, _ err: pgd_error, rejected: pgd_reject? = nil) {
        let message = shimMessage(err)
        switch code {
        case PGD_E_UNREACHABLE: self.init(.unreachable, message)
        case PGD_E_REJECTED:
            self.init(.associationRejected, message, rejection: rejected.map {
                DicomAssociationRejection(result: $0.result, source: $0.source, reason: $0.reason)
            })
        case PGD_E_NO_CONTEXT: self.init(.noPresentationContext, message)
        case PGD_E_NET: self.init(.associationFailed, message)
        case PGD_E_LISTEN: self.init(.listenFailed, message)
        case PGD_E_ARG, PGD_E_VALUE: self.init(.invalidRequest, message)
        case PGD_E_IO, PGD_E_FORMAT: self.init(.unreadableFile, message)
        default: self.init(.internalError, message)
        }
    }
}

/// A C handle handed to another thread; the shim's SCP calls are thread-safe.
struct SCPHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

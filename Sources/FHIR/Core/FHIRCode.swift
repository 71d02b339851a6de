/// A code from a value set with a *required* binding, modelled as a Swift enum whose raw
/// values are the codes (FHIR R4 terminologies.html, "required" binding strength).
///
/// Decoding rejects any other code with issue type `value`.
public protocol FHIRCode: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The value set's canonical URL, named in error messages.
    static var valueSet: String { get }
}

extension FHIRCode {
    /// The allowed codes, for error messages: `male | female | other | unknown`.
    static var allowedCodes: String { allCases.map(\.rawValue).joined(separator: " | ") }
}

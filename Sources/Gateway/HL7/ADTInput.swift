import HL7
import Mappings
import PhotoGateCore

/// What the gateway reads from an accepted ADT message before touching the store: the event,
/// the patient facts and death notice through the site mappings, the prior identifiers of a
/// merge, and the first structural problem. Reading is pure, so it happens outside the intake
/// transaction (the store's writer is serial; the connections read in parallel).
struct ADTInput: Sendable {
    let message: HL7Message
    /// MSH-9.2
    let event: String
    /// A missing required segment (100) or a PID-30 outside Table 0136 (103): processing
    /// stops with it.
    let structureError: HL7Error?
    let facts: HL7PatientFacts
    let death: DeathNotice?
    /// MRG-1 (A40, A47).
    let priorIdentifiers: [Identifier]

    init(_ message: HL7Message, header: HL7Header, mappings: SiteMappings) {
        self.message = message
        event = header.messageType?.triggerEvent ?? ""
        structureError = Self.structureError(message, event: event)
        facts = mappings.patient(from: message)
        death = mappings.deathNotice(in: message)
        priorIdentifiers = ["A40", "A47"].contains(event) ? mappings.priorIdentifiers(in: message) : []
    }

    /// The checks the standard makes the receiver's own before any mapping: the segments the
    /// event needs (HL7 v2.5.1 §3.3: every ADT event has PID; A40 and A47 also MRG), answered
    /// 100 when missing, and PID-30 against HL7 Table 0136 (`Y`/`N`), answered 103 otherwise —
    /// a death indicator the gateway cannot read is reported, never silently taken as "alive".
    static func structureError(_ message: HL7Message, event: String) -> HL7Error? {
        for name in ["PID"] + (["A40", "A47"].contains(event) ? ["MRG"] : []) where message.segment(name) == nil {
            return HL7Error(.segmentSequenceError, "ADT^\(event) without the \(name) segment it requires",
                            at: HL7ErrorLocation(segmentID: name))
        }
        if let indicator = message.value(at: pid30), !["Y", "N"].contains(indicator) {
            return HL7Error(.tableValueNotFound, "PID-30 (patient death indicator) is neither Y nor N (HL7 Table 0136)",
                            at: HL7ErrorLocation(pid30))
        }
        return nil
    }

    static let pid30: HL7Path = "PID-30"
}

import Foundation

/// Builds acknowledgment messages (HL7 v2.5.1 §2.9, ACK structure §2.14.1, MSA §2.15.8,
/// ERR §2.15.5). Pure: the new control ID and the time are passed in.
///
/// The ACK is written with the inbound message's delimiters, character set, version and
/// processing ID:
///
///     MSH|^~\&|<MSH-5>|<MSH-6>|<MSH-3>|<MSH-4>|<time>||ACK^<trigger>^ACK|<new id>|<MSH-11>|<MSH-12>
///     MSA|<code>|<inbound MSH-10>
///     ERR||PID^1^3^1^1|101^Required field missing^HL70357|E||||PID-3.1 is empty
///
/// Before v2.5 (ERR-2 to ERR-12 did not exist yet) the errors go in one ERR segment, as
/// repetitions of ERR-1 (ELD: `PID^1^3^101&Required field missing&HL70357`), and MSA-3 / MSA-6
/// carry the first error's text and condition code.
public struct HL7Acknowledger: Sendable {
    /// This gateway as MSH-3 of its acknowledgments when the inbound MSH-5 is empty or there is
    /// no inbound MSH at all.
    public var application: HL7HierarchicDesignator
    /// This gateway as MSH-4 when the inbound MSH-6 is empty.
    public var facility: HL7HierarchicDesignator?
    /// The zone MSH-7 is written in (with its offset).
    public var timeZone: TimeZone

    /// Version written when the inbound message has none (or there is none): the one we behave as.
    public static let defaultVersion = "2.5.1"

    public init(
        application: HL7HierarchicDesignator = "PHOTOGATE", facility: HL7HierarchicDesignator? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.application = application
        self.facility = facility
        self.timeZone = timeZone
    }

    /// The `kind` acknowledgment of `inbound` for `outcome`. Whether to send it at all is
    /// ``HL7AckPolicy/shouldSend(_:for:status:)``'s decision.
    public func acknowledgment(
        _ kind: HL7AckKind, to inbound: HL7Message, outcome: HL7Outcome, controlID: String, at time: Date
    ) -> HL7Message {
        let header = inbound.header
        let msh = inbound.segment("MSH") ?? HL7Message(encoding: inbound.encoding).segments[0]
        var ack = HL7Message(encoding: inbound.encoding)
        // Fields copied as written (escapes included): the parties swapped, processing ID, version.
        let valued = { (n: Int) in !msh.field(n).isEmpty && !msh.field(n).isNull }
        for (from, to) in [(5, 3), (6, 4), (3, 5), (4, 6), (11, 11), (12, 12)] where valued(from) {
            ack.setField(msh.field(from), at: try! HL7Path(segment: "MSH", field: to))
        }
        if !valued(5) { application.write(to: &ack, field: 3) }
        if !valued(6) { facility?.write(to: &ack, field: 4) }
        if !valued(11) { ack.set("P", at: "MSH-11") }
        if !valued(12) { ack.set(Self.defaultVersion, at: "MSH-12") }
        ack.set(HL7DateTime(time, timeZone: timeZone).description, at: "MSH-7")
        ack.set("ACK", at: "MSH-9.1")
        if let trigger = header.messageType?.triggerEvent { ack.set(trigger, at: "MSH-9.2") }
        ack.set("ACK", at: "MSH-9.3")
        ack.set(controlID, at: "MSH-10")

        ack.set(HL7AckPolicy.code(kind, status: outcome.status).rawValue, at: "MSA-1")
        ack.setField(msh.field(10), at: "MSA-2")
        if Self.isBeforeV25(header) {
            writeLegacyErrors(outcome.errors, to: &ack)
        } else {
            for error in outcome.errors { writeError(error, to: &ack) }
        }
        return ack
    }

    /// The answer to input that could not be parsed, or nil when its sender asked not to get one.
    ///
    /// When an `MSH` can still be read (``HL7Message/salvageHeader(from:)``), the answer is
    /// addressed from it: the accept acknowledgment (CE / CR) in enhanced mode when MSH-15 asks
    /// for one, otherwise the application acknowledgment (AE / AR) when MSH-16 (or original
    /// mode) asks for one, with `error` in ERR — one answer, never both. Without an
    /// `MSH` the answer is an original-mode AR in v2.5.1 with `|^~\&`, MSA-2 empty and `error`
    /// (the parser reports a missing MSH as 100, segment sequence error).
    public func acknowledgment(
        toUnreadable bytes: some Collection<UInt8>, error: HL7Error, controlID: String, at time: Date
    ) -> HL7Message? {
        guard let inbound = HL7Message.salvageHeader(from: bytes) else {
            let outcome = HL7Outcome(status: .rejected, errors: [error])
            return acknowledgment(.application, to: HL7Message(), outcome: outcome, controlID: controlID, at: time)
        }
        let header = inbound.header
        var outcome = HL7Outcome(errors: [error])
        if outcome.status == .accepted { outcome.status = .error }
        // One answer: the first the sender asked for (nothing further will follow this input).
        guard let kind = HL7AckPolicy.toSend(for: header, status: outcome.status).first else { return nil }
        return acknowledgment(kind, to: inbound, outcome: outcome, controlID: controlID, at: time)
    }

    /// One ERR segment (v2.5+): ERR-2 location, ERR-3 condition, ERR-4 severity, ERR-8 message.
    private func writeError(_ error: HL7Error, to ack: inout HL7Message) {
        let n = ack.appendSegment("ERR")
        func path(_ field: Int, _ component: Int? = nil) -> HL7Path {
            try! HL7Path(segment: "ERR", segmentRepetition: n, field: field, component: component)
        }
        if let location = error.location {
            for (offset, part) in location.components.enumerated() { ack.set(part, at: path(2, offset + 1)) }
        }
        ack.set(error.code.identifier, at: path(3, 1))
        ack.set(error.code.text, at: path(3, 2))
        ack.set(HL7ErrorCode.codingSystem, at: path(3, 3))
        ack.set(error.severity.rawValue, at: path(4))
        ack.set(error.message, at: path(8))
    }

    /// Before v2.5: MSA-3 and MSA-6 for the first error, and one ERR whose ERR-1 repeats once per
    /// error (ELD: segment ID, sequence, field position, then the condition as CE subcomponents).
    private func writeLegacyErrors(_ errors: [HL7Error], to ack: inout HL7Message) {
        guard let first = errors.first else { return }
        ack.set(first.message, at: "MSA-3")
        ack.set(first.code.identifier, at: "MSA-6.1")
        ack.set(first.code.text, at: "MSA-6.2")
        ack.set(HL7ErrorCode.codingSystem, at: "MSA-6.3")
        for (index, error) in errors.enumerated() {
            func path(_ component: Int, _ subcomponent: Int? = nil) -> HL7Path {
                try! HL7Path(
                    segment: "ERR", field: 1, fieldRepetition: index + 1, component: component, subcomponent: subcomponent)
            }
            if let location = error.location {
                ack.set(location.segmentID, at: path(1))
                ack.set(String(location.segmentSequence), at: path(2))
                if let field = location.field { ack.set(String(field), at: path(3)) }
            }
            ack.set(error.code.identifier, at: path(4, 1))
            ack.set(error.code.text, at: path(4, 2))
            ack.set(HL7ErrorCode.codingSystem, at: path(4, 3))
        }
    }

    /// MSH-12 names a version before 2.5; an empty or unreadable version is treated as v2.5.1.
    static func isBeforeV25(_ header: HL7Header) -> Bool {
        guard let numbers = header.versionNumbers else { return false }
        return numbers.lexicographicallyPrecedes([2, 5])
    }
}

import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// `POST /fhir/$process-message` (FHIR R4 messaging.html, MessageHeader-process-message):
/// a Bundle of type `message`, its MessageHeader first. Event codes (system
/// `http://photogate.org/fhir/CodeSystem/message-event`):
///
/// | code | what the message carries | what happens |
/// | --- | --- | --- |
/// | `patient-update` | one or more Patients | each is upserted by its MRN (as `PUT Patient?identifier=mrn`) |
/// | `patient-deceased` | Patients with `deceasedBoolean: true` / `deceasedDateTime` | the same upsert; the core runs the death workflow |
/// | `consent-change` | one or more Consents (and the Patients they name, by `fullUrl`) | Patients upserted, each Consent created (no id) or updated (update-as-create with its id); `inactive` = withdrawal |
///
/// The whole message is applied like a transaction Bundle (one database transaction,
/// `fullUrl` references resolved), and the response message is stored in the same
/// transaction under the request Bundle's `id`: a message sent again is answered with the
/// same response and not processed again (also after a restart). The response is a `message`
/// Bundle whose MessageHeader.response has `identifier` = the request Bundle's id and `code`
/// `ok`, `fatal-error` (the message cannot be processed as sent; stored too, so a repeat gets
/// the same answer) or `transient-error` (a failure on our side; not stored, so a repeat is
/// processed), with an OperationOutcome as `details`.
extension FHIRServer {
    static let messageEventSystem = "http://photogate.org/fhir/CodeSystem/message-event"

    enum MessageEvent: String, CaseIterable {
        case patientUpdate = "patient-update"
        case patientDeceased = "patient-deceased"
        case consentChange = "consent-change"
    }

    /// The response message (JSON), the HTTP status, and whether it is a stored response
    /// replayed.
    struct MessageReply: Sendable {
        var json: String
        var status: Int
        var replayed: Bool
        var code: ResponseType
    }

    func processMessage(_ bundle: FHIR.Bundle, base: String, by who: Principal) async throws -> MessageReply {
        guard bundle.type == .message else {
            throw FHIRFailure(400, .invalid, "$process-message takes a Bundle of type message (got \(bundle.type.rawValue))")
        }
        guard let messageID = bundle.id, !messageID.isEmpty else {
            throw FHIRFailure(400, .required, "Bundle.id (the message id) is required", expression: ["Bundle.id"])
        }
        guard let header = bundle.messageHeader else {
            throw FHIRFailure(400, .structure, "the first entry of a message is its MessageHeader", expression: ["Bundle.entry[0]"])
        }
        if let stored = try await gateway.database.reader.read({ try FHIRMessageStore.find($0, bundleID: messageID) }) {
            return try await replay(stored, by: who)
        }
        let eventCode: String
        switch header.event {
        case .coding(let c): eventCode = c.system == Self.messageEventSystem ? c.code ?? "" : "\(c.system ?? "")|\(c.code ?? "")"
        case .uri(let u): eventCode = u
        }
        let operations: [FHIRBundleOperation]
        do {
            operations = try messageOperations(bundle, header: header, event: MessageEvent(rawValue: eventCode))
        } catch {
            return try await fatal(error, bundle: bundle, header: header, event: eventCode, base: base, by: who)
        }
        do {
            return try await gateway.writer.write { db -> MessageReply in
                if let stored = try FHIRMessageStore.find(db, bundleID: messageID) {  // processed meanwhile
                    return MessageReply(json: stored.response, status: 200, replayed: true, code: ResponseType(rawValue: stored.responseCode) ?? .ok)
                }
                let results = try self.apply(db, operations, media: [:], base: base, by: who)
                let done = results.compactMap(\.written).map { w in
                    "\(w.version.type)/\(w.version.id) " + (w.existing ? "unchanged" : w.created ? "created" : "updated")
                        + " (version \(w.version.versionId))"
                }
                let response = self.messageResponse(to: bundle, header: header, code: .ok,
                                                    outcome: .information("processed: " + done.joined(separator: "; ")), base: base)
                try FHIRMessageStore.save(db, FHIRProcessedMessage(bundleID: messageID, receivedAt: self.gateway.clock(), event: eventCode,
                                                                  responseCode: "ok", response: response))
                try self.gateway.audit(db, who, "fhir.message", detail: ["message": messageID, "event": eventCode, "response": "ok"])
                return MessageReply(json: response, status: 200, replayed: false, code: .ok)
            }
        } catch let e as FHIRBundleOperation.EntryFailure where e.failure.status.code < 500 {
            return try await fatal(e.asRequestFailure, bundle: bundle, header: header, event: eventCode, base: base, by: who)
        } catch let e as FHIRFailure where e.status.code < 500 {
            return try await fatal(e, bundle: bundle, header: header, event: eventCode, base: base, by: who)
        } catch {
            // Our side failed: transient, not stored, so the sender's retry is processed.
            gateway.logInternalError((error as? FHIRBundleOperation.EntryFailure)?.cause ?? error, during: "FHIR $process-message")
            let failure = FHIRFailure(500, .transient, "the message could not be processed now; send it again later")
            let response = messageResponse(to: bundle, header: header, code: .transientError, outcome: failure.outcome, base: base)
            await gateway.auditFailure(who, "fhir.message", outcome: "failed", detail: ["message": messageID, "event": eventCode,
                                                                                        "response": "transient-error"])
            return MessageReply(json: response, status: 503, replayed: false, code: .transientError)
        }
    }

    /// The write operations of a message: Patients upserted by MRN, Consents created or
    /// updated; what the event requires is checked.
    func messageOperations(_ bundle: FHIR.Bundle, header: MessageHeader, event: MessageEvent?) throws -> [FHIRBundleOperation] {
        guard let event else {
            throw FHIRFailure(422, .notSupported, "unknown message event; supported: "
                + MessageEvent.allCases.map { "\(Self.messageEventSystem)|\($0.rawValue)" }.joined(separator: ", "),
                              expression: ["MessageHeader.event"])
        }
        let urls = Set(bundle.entry.compactMap(\.fullUrl))
        for focus in header.focus {
            guard let ref = focus.reference, urls.contains(ref) else {
                throw FHIRFailure(422, .notFound, "MessageHeader.focus '\(focus.reference ?? "")' is not an entry of the message",
                                  expression: ["MessageHeader.focus"])
            }
        }
        var operations: [FHIRBundleOperation] = []
        for (i, entry) in bundle.entry.enumerated().dropFirst() {
            switch entry.resource {
            case .patient(let p)?:
                if event == .patientDeceased {
                    switch p.deceased {
                    case .boolean(true)?, .dateTime?: break
                    default: throw FHIRFailure(422, .businessRule, "a patient-deceased message needs deceasedBoolean true or deceasedDateTime",
                                               expression: ["Bundle.entry[\(i)].resource.deceased"])
                    }
                }
                let mrn = try mrn(of: p)
                var patient = p
                patient.id = nil  // upserted by MRN: the sender's id is not ours
                operations.append(FHIRBundleOperation(index: i, fullUrl: entry.fullUrl, action: .conditionalUpdate(
                    type: "Patient", query: [("identifier", mrn.description)], resource: .patient(patient), ifMatch: nil)))
            case .consent(let c)?:
                guard event == .consentChange else {
                    throw FHIRFailure(422, .businessRule, "a Consent belongs in a consent-change message", expression: ["Bundle.entry[\(i)]"])
                }
                let action: FHIRBundleOperation.Action = c.id.map { .update(type: "Consent", id: $0, resource: .consent(c), ifMatch: nil) }
                    ?? .create(type: "Consent", resource: .consent(c), ifNoneExist: nil)
                operations.append(FHIRBundleOperation(index: i, fullUrl: entry.fullUrl, action: action))
            case let other:
                throw FHIRFailure(422, .notSupported, "a message entry of type \(other?.resourceType ?? "(none)") is not supported "
                    + "(Patient, Consent)", expression: ["Bundle.entry[\(i)]"])
            }
        }
        let needs: String? = switch event {
        case .patientUpdate, .patientDeceased: operations.contains { $0.type == "Patient" } ? nil : "a Patient"
        case .consentChange: operations.contains { $0.type == "Consent" } ? nil : "a Consent"
        }
        if let needs { throw FHIRFailure(422, .required, "a \(event.rawValue) message needs \(needs)") }
        return operations
    }

    /// A fatal-error response, stored under the message id (a repeat gets the same answer).
    func fatal(_ error: any Error, bundle: FHIR.Bundle, header: MessageHeader, event: String, base: String, by who: Principal)
        async throws -> MessageReply
    {
        let failure = FHIRFailure.from(error)
        let messageID = bundle.id ?? ""
        let response = messageResponse(to: bundle, header: header, code: .fatalError, outcome: failure.outcome, base: base)
        return try await gateway.writer.write { db in
            if let stored = try FHIRMessageStore.find(db, bundleID: messageID) {
                return MessageReply(json: stored.response, status: 200, replayed: true, code: ResponseType(rawValue: stored.responseCode) ?? .ok)
            }
            try FHIRMessageStore.save(db, FHIRProcessedMessage(bundleID: messageID, receivedAt: self.gateway.clock(), event: event,
                                                              responseCode: "fatal-error", response: response))
            try self.gateway.audit(db, who, "fhir.message", outcome: "failed", detail: [
                "message": messageID, "event": event, "response": "fatal-error", "issue": failure.outcome.issue.first?.code.rawValue ?? "",
            ])
            return MessageReply(json: response, status: 200, replayed: false, code: .fatalError)
        }
    }

    /// A stored response, sent again (audited).
    func replay(_ stored: FHIRProcessedMessage, by who: Principal) async throws -> MessageReply {
        try await gateway.writer.write { db in
            try self.gateway.audit(db, who, "fhir.message", outcome: "replayed",
                                   detail: ["message": stored.bundleID, "event": stored.event, "response": stored.responseCode])
        }
        return MessageReply(json: stored.response, status: 200, replayed: true, code: ResponseType(rawValue: stored.responseCode) ?? .ok)
    }

    /// The response message (JSON): a MessageHeader answering `request`, and the
    /// OperationOutcome its `response.details` names.
    func messageResponse(to request: FHIR.Bundle, header: MessageHeader, code: ResponseType, outcome: OperationOutcome,
                         base: String) -> String {
        let outcomeURL = "urn:uuid:" + gateway.newID()
        let responseHeader = MessageHeader(
            id: gateway.newID(), event: header.event,
            destination: [.init(name: header.source.name, endpoint: header.source.endpoint)],
            source: .init(name: "PhotoGate", software: "PhotoGate", endpoint: base + "/$process-message"),
            response: .init(identifier: request.id ?? "", code: code, details: Reference(reference: outcomeURL)))
        let bundle = FHIR.Bundle.message(id: gateway.newID(), timestamp: FHIRTemporal.instant(gateway.clock()), header: responseHeader,
                                         headerFullUrl: "urn:uuid:" + gateway.newID(), resources: [(outcomeURL, .operationOutcome(outcome))])
        return FHIRJSON.encodeString(.bundle(bundle))
    }
}

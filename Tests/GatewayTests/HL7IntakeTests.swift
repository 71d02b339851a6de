import Foundation
import Gateway
import GRDB
import HL7
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Storage
import TestSupport
import Testing

func adt(_ event: String, control: String, pid: String = "PID|1||12345^^^HOSPITAL^MR||Doe^Jane||19800102|F",
         extra: [String] = [], ack: String = "") -> [UInt8] {
    let msh = "MSH|^~\\&|EPIC|HOSP|PHOTOGATE|HOSP|20261120101500||ADT^\(event)^ADT_A01|\(control)|P|2.5.1\(ack)"
    return Array(([msh, "EVN|\(event)|20261120101500", pid] + extra).joined(separator: "\r").utf8) + [0x0D]
}

func ackOf(_ answers: [[UInt8]]) throws -> HL7Message {
    try HL7Message(parsing: try #require(answers.first))
}

struct HL7IntakeTests {
    @Test func anA08IsStoredProcessedAndAcknowledgedWithAA() async throws {
        let t = try TestGateway()
        let answers = await t.gateway.receiveHL7(Array(try Fixtures.bytes("../hl7/a08-epic.hl7")), peer: "127.0.0.1")
        let ack = try ackOf(answers)
        #expect(ack.value(at: "MSA-1") == "AA")
        #expect(ack.value(at: "MSA-2") == "MSG0001")
        #expect(ack.value(at: "MSH-9.1") == "ACK")
        let patient = try await t.gateway.database.reader.read {
            try PatientRepository.find($0, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "12345"))
        }
        #expect(patient?.family == "Doe" && patient?.given == ["Jane", "Marie"] && patient?.gender == "female")
        #expect(patient?.identifiers.contains(Identifier(system: "https://hospital.example/fhir/sid/national-id", value: "999000111")) == true)
    }

    @Test func aRetransmissionGetsTheSameACKAndIsNotProcessedTwice() async throws {
        let t = try TestGateway()
        let first = await t.gateway.receiveHL7(adt("A08", control: "C1"), peer: "p")
        let second = await t.gateway.receiveHL7(adt("A08", control: "C1"), peer: "p")
        #expect(first == second)
        let stored = try await t.gateway.database.reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM hl7Message") }
        #expect(stored == 1)
    }

    /// Most A08s resend what the gateway already has: the patient row (and its `updatedAt`)
    /// is then left alone, and the update is still audited; a real change is written.
    @Test func anA08ThatChangesNothingLeavesThePatientAloneButIsAudited() async throws {
        let t = try TestGateway()
        let mrn = Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "12345")
        func patient() async throws -> Patient? { try await t.gateway.database.reader.read { try PatientRepository.find($0, identifier: mrn) } }
        #expect(try ackOf(await t.gateway.receiveHL7(adt("A04", control: "U1"), peer: "p")).value(at: "MSA-1") == "AA")
        let registered = try #require(try await patient())
        t.clock.advance(60)
        #expect(try ackOf(await t.gateway.receiveHL7(adt("A08", control: "U2"), peer: "p")).value(at: "MSA-1") == "AA")
        #expect(try await patient() == registered)
        let audits = try await t.gateway.database.reader.read { try AuditLog.entries($0, patientID: registered.id) }
        #expect(audits.first?.action == "patient.update" && audits.first?.detail["change"] == "none")

        t.clock.advance(60)
        let renamed = adt("A08", control: "U3", pid: "PID|1||12345^^^HOSPITAL^MR||Roe^Jane||19800102|F")
        #expect(try ackOf(await t.gateway.receiveHL7(renamed, peer: "p")).value(at: "MSA-1") == "AA")
        let updated = try #require(try await patient())
        #expect(updated.family == "Roe" && updated.updatedAt > registered.updatedAt)
    }

    @Test(arguments: [
        // (message, MSA-1, ERR-3.1)
        ("unknown event", adt("A99", control: "E1"), "AR", "201"),
        ("not ADT", Array("MSH|^~\\&|X|Y|PG|H|20261120||ORU^R01|E2|P|2.5.1\rPID|1||1^^^HOSPITAL^MR\r".utf8), "AR", "200"),
        ("wrong version", Array("MSH|^~\\&|X|Y|PG|H|20261120||ADT^A08|E3|P|9.9\rPID|1||1^^^HOSPITAL^MR\r".utf8), "AR", "203"),
        ("no MRN", adt("A08", control: "E4", pid: "PID|1||555^^^OTHER^PI||Doe^Jane"), "AE", "101"),
        ("no MSH", Array("PID|1||1^^^HOSPITAL^MR\r".utf8), "AR", "100"),
        ("merge of unknown", adt("A40", control: "E6", extra: ["MRG|404^^^HOSPITAL^MR"]), "AE", "204"),
    ])
    func badMessagesGetTheRightNAK(_ label: String, message: [UInt8], code: String, error: String) async throws {
        let t = try TestGateway()
        let ack = try ackOf(await t.gateway.receiveHL7(message, peer: "p"))
        #expect(ack.value(at: "MSA-1") == code, "\(label): \(ack.encodedText())")
        #expect(ack.value(at: "ERR-3.1") == error, "\(label): \(ack.encodedText())")
    }

    @Test func enhancedModeSendsACommitACKAndTheApplicationACKAsAsked() async throws {
        let t = try TestGateway()
        let answers = await t.gateway.receiveHL7(adt("A08", control: "EN1", ack: "|||AL|AL"), peer: "p")
        #expect(answers.count == 2)
        #expect(try HL7Message(parsing: answers[0]).value(at: "MSA-1") == "CA")
        #expect(try HL7Message(parsing: answers[1]).value(at: "MSA-1") == "AA")
        let errorOnly = await t.gateway.receiveHL7(adt("A08", control: "EN2", ack: "|||NE|ER"), peer: "p")
        #expect(errorOnly.isEmpty)
    }

    @Test func anA03WithExpiredDispositionHoldsThePhotosAndA13PutsThePatientBack() async throws {
        let t = try TestGateway()
        let assetID = try await t.uploadedAssetID(patient: "https://hospital.example/fhir/sid/mrn|12345")
        let ack = try ackOf(await t.gateway.receiveHL7(Array(try Fixtures.bytes("../hl7/a03-expired-mirth.hl7")), peer: "p"))
        #expect(ack.value(at: "MSA-1") == "AA")
        let (asset, patient) = try await t.gateway.database.reader.read { db in
            (try AssetRepository.find(db, id: assetID)?.asset,
             try PatientRepository.find(db, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "12345")))
        }
        #expect(asset?.state == .toBeAssessed)
        #expect(patient?.deceased == true)
        #expect(patient?.deceasedAt == ISO8601DateFormatter().date(from: "2026-11-20T11:00:00Z"))
        let events = try await t.gateway.database.reader.read { try String.fetchAll($0, sql: "SELECT type FROM event") }
        #expect(events.contains("patient.deceased"))

        // A13 cancels the discharge: alive again, photo still on hold, review asked for
        _ = await t.gateway.receiveHL7(adt("A13", control: "C13", pid: "PID|1||12345^^^HOSPITAL^MR||Doe^Jane"), peer: "p")
        let after = try await t.gateway.database.reader.read { db in
            (try AssetRepository.find(db, id: assetID)?.asset.state,
             try PatientRepository.find(db, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "12345"))?.deceased)
        }
        #expect(after.0 == .toBeAssessed && after.1 == false)
    }

    @Test func anA08WithDeathIndicatorBlocksPublication() async throws {
        let t = try TestGateway()
        let assetID = try await t.uploadedAssetID(patient: "https://hospital.example/fhir/sid/mrn|12345")
        let msg = adt("A08", control: "D1", pid: "PID|1||12345^^^HOSPITAL^MR||Doe^Jane||19800102|F|||||||||||||||||||||20261120|Y")
        #expect(try ackOf(await t.gateway.receiveHL7(msg, peer: "p")).value(at: "MSA-1") == "AA")
        let state = try await t.gateway.database.reader.read { try AssetRepository.find($0, id: assetID)?.asset.state }
        #expect(state == .toBeAssessed)
    }

    @Test func anA40MovesPhotosAndIsIdempotent() async throws {
        let t = try TestGateway()
        let assetID = try await t.uploadedAssetID(patient: "https://hospital.example/fhir/sid/mrn|OLD1")
        let merge = adt("A40", control: "M1", pid: "PID|1||NEW1^^^HOSPITAL^MR||Doe^Jane", extra: ["MRG|OLD1^^^HOSPITAL^MR"])
        #expect(try ackOf(await t.gateway.receiveHL7(merge, peer: "p")).value(at: "MSA-1") == "AA")
        let replay = adt("A40", control: "M2", pid: "PID|1||NEW1^^^HOSPITAL^MR||Doe^Jane", extra: ["MRG|OLD1^^^HOSPITAL^MR"])
        #expect(try ackOf(await t.gateway.receiveHL7(replay, peer: "p")).value(at: "MSA-1") == "AA")
        let (asset, survivor) = try await t.gateway.database.reader.read { db in
            (try AssetRepository.find(db, id: assetID)?.asset,
             try PatientRepository.find(db, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "NEW1")))
        }
        #expect(asset?.patientID == survivor?.id)
        // the moved photo is still readable (sealed with the prior patient's key)
        try await t.test { client in
            let (status, _) = try await client.send(t, .get, "/api/assets/\(assetID)/original", as: .clinician)
            #expect(status == .ok)
        }
    }

    @Test func aMergeOfAPatientMergedElsewhereIsRefusedAndChangesNothing() async throws {
        // Given OLD2 merged into NEW2, with a photo
        let t = try TestGateway()
        let assetID = try await t.uploadedAssetID(patient: "https://hospital.example/fhir/sid/mrn|OLD2")
        let first = adt("A40", control: "RM1", pid: "PID|1||NEW2^^^HOSPITAL^MR||Doe^Jane", extra: ["MRG|OLD2^^^HOSPITAL^MR"])
        #expect(try ackOf(await t.gateway.receiveHL7(first, peer: "p")).value(at: "MSA-1") == "AA")
        // When an A40 merges OLD2 into a third patient
        let elsewhere = adt("A40", control: "RM2", pid: "PID|1||OTHER2^^^HOSPITAL^MR||Roe^Jim", extra: ["MRG|OLD2^^^HOSPITAL^MR"])
        let ack = try ackOf(await t.gateway.receiveHL7(elsewhere, peer: "p"))
        // Then it is refused at MRG-1, the photo stays with NEW2 and no third patient was created
        #expect(ack.value(at: "MSA-1") == "AE" && ack.value(at: "ERR-3.1") == "207" && ack.value(at: "ERR-2.1") == "MRG")
        let (asset, survivor, other) = try await t.gateway.database.reader.read { db in
            (try AssetRepository.find(db, id: assetID)?.asset,
             try PatientRepository.find(db, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "NEW2")),
             try PatientRepository.find(db, identifier: Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "OTHER2")))
        }
        #expect(asset?.patientID == survivor?.id && other == nil)
    }

    @Test func theMessageBrowserShowsMessagesAndReprocessesFailures() async throws {
        let t = try TestGateway()
        _ = await t.gateway.receiveHL7(adt("A08", control: "B1"), peer: "p")
        _ = await t.gateway.receiveHL7(adt("A40", control: "B2", extra: ["MRG|NOPE^^^HOSPITAL^MR"]), peer: "p")
        try await t.test { client in
            let (_, list) = try await client.send(t, .get, "/api/hl7/messages", as: .integration)
            #expect((list as? [[String: Any]])?.count == 2)
            let (_, errors) = try await client.send(t, .get, "/api/hl7/messages?status=error", as: .integration)
            let failed = (errors as? [[String: Any]])?.first
            #expect(failed?["controlId"] as? String == "B2")
            let id = failed?["id"] as? String ?? ""
            let (_, detail) = try await client.send(t, .get, "/api/hl7/messages/\(id)", as: .integration)
            #expect(((detail as? [String: Any])?["ack"] as? String)?.contains("MSA|AE|B2") == true)
            let (again, _) = try await client.send(t, .post, "/api/hl7/messages/\(id)/reprocess", as: .integration)
            #expect(again == .ok)
            let (forbidden, _) = try await client.send(t, .get, "/api/hl7/messages", as: .communications)
            #expect(forbidden == .forbidden)
        }
    }
}

/// A value set inside a `@Sendable` test closure and read after it.
final class Box<T: Sendable>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

extension TestGateway {
    /// Uploads a fixture photo for `patient` through the API; returns the asset id.
    func uploadedAssetID(patient: String) async throws -> String {
        let box = Box("")
        try await test { client in box.value = try await client.upload(self, patient: patient)["id"] as! String }
        return box.value
    }
}

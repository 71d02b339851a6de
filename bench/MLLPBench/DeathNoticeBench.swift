import Foundation
import GRDB
import Gateway
import PhotoGateCore
import Storage
import TestSupport

/// Death notices over MLLP for patients with 1,000 active photos each and an active consent:
/// the ACK comes after the whole death workflow (every photo to `to-be-assessed`, publication
/// blocked, audit records and events) has committed in the intake transaction.
enum DeathNoticeBench {
    static let photosPerPatient = 1_000

    struct Result {
        var latencies: Latencies
        var held: Int
        var expected: Int
    }

    /// Sends `count` death notices, one at a time on one connection, alternating A03 with
    /// PV1-36 = 20 (expired) and A08 with PID-30 = Y.
    static func run(_ gut: GatewayUnderTest, count: Int) async throws -> Result {
        let client = try MLLPTestClient(port: gut.mllpPort)
        var patientIDs: [String] = []
        for p in 0..<count {
            guard let ack = try client.exchange(MLLPBench.adt("A04", control: "DEATH-SETUP-\(p)", mrn: "DEATH-\(p)")),
                  LoadGenerator.isAA(ack)
            else { throw BenchError("could not register patient DEATH-\(p)") }
            patientIDs.append(try await addPhotos(gut.gateway, mrn: "DEATH-\(p)"))
        }
        try await gut.gateway.database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }

        var latencies = Latencies()
        for p in 0..<count {
            let message = p % 2 == 0
                ? MLLPBench.adt("A03", control: "DEATH-\(p)", mrn: "DEATH-\(p)",
                                pv1: "PV1|1|I|WARD7^101^1" + String(repeating: "|", count: 33) + "20")
                : MLLPBench.adt("A08", control: "DEATH-\(p)", mrn: "DEATH-\(p)",
                                pidSuffix: String(repeating: "|", count: 18) + "20261120101500|Y")
            let watch = Stopwatch()
            guard let ack = try client.exchange(message), LoadGenerator.isAA(ack) else {
                throw BenchError("death notice \(p) was not acknowledged with AA")
            }
            latencies.add(watch.ms)
        }
        let held = try await gut.gateway.database.reader.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM asset WHERE state = 'to-be-assessed'
                AND patientId IN (SELECT patientId FROM patientIdentifier WHERE value LIKE 'DEATH-%')
                """) ?? 0
        }
        return Result(latencies: latencies, held: held, expected: count * photosPerPatient)
    }

    /// 1,000 active communication photos (rows only: the death path never reads blobs) and a
    /// consent for website and print; returns the patient's id.
    static func addPhotos(_ gateway: Gateway, mrn: String) async throws -> String {
        let identifier = Identifier(system: "https://hospital.example/fhir/sid/mrn", value: mrn)
        return try await gateway.database.writer.write { db in
            guard let patient = try PatientRepository.find(db, identifier: identifier) else {
                throw BenchError("no patient \(mrn)")
            }
            let now = Date()
            for i in 0..<photosPerPatient {
                let uid = "2.25.\(UInt64.random(in: 1...UInt64.max))"
                let asset = Asset(id: UUID().uuidString.lowercased(), patientID: patient.id, stream: .communication,
                                  createdAt: now, studyInstanceUID: uid, seriesInstanceUID: uid + ".1",
                                  sopInstanceUID: uid + ".1.\(i)", contentType: "image/jpeg")
                try AssetRepository.insert(db, asset, blobs: AssetBlobs(original: "bench-\(asset.id)", dicom: "bench-\(asset.id)"))
            }
            try ConsentRepository.save(db, Consent(id: UUID().uuidString.lowercased(), patientID: patient.id, status: .active,
                                                   channels: [.website, .print], createdAt: now),
                                       leadTime: 30 * 86_400)
            return patient.id
        }
    }
}

import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Log records kept in memory.
final class LogRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [(message: String, metadata: Logger.Metadata)] = []
    func add(_ message: String, _ metadata: Logger.Metadata) { lock.withLock { kept.append((message, metadata)) } }
    var all: [(message: String, metadata: Logger.Metadata)] { lock.withLock { kept } }
}

struct CapturingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        records.add(message.description, self.metadata.merging(metadata ?? [:]) { $1 })
    }
}

/// A request that fails inside the gateway gets "internal error"; the operator's log says why.
struct InternalErrorLoggingTests {
    @Test func aFHIRRequestThatFailsInsideIsLoggedWithItsCause() async throws {
        let records = LogRecords()
        let t = try TestGateway(logger: Logger(label: "photogate") { _ in CapturingLogHandler(records: records) })
        // The FHIR search index is gone from under the gateway.
        try await t.gateway.database.writer.write { try $0.execute(sql: "DROP TABLE fhirSearchIndex") }
        try await t.test { client in
            let reply = try await client.fhir(t, .get, "/fhir/Patient?identifier=https://hospital.example/fhir/sid/mrn%7C1")
            #expect(reply.status == .internalServerError)
            #expect(reply.issueCode == "exception")
        }
        let logged = records.all.filter { $0.message == "request failed with an internal error" }
        #expect(logged.count == 1)
        #expect(logged.first?.metadata["pg.error"]?.description.contains("no such table: fhirSearchIndex") == true,
                "\(logged)")
    }

    /// Inside a transaction Bundle the failing entry is named, and the cause is still logged,
    /// once.
    @Test func aFailingTransactionEntryIsLoggedOnceWithItsCause() async throws {
        let records = LogRecords()
        let t = try TestGateway(logger: Logger(label: "photogate") { _ in CapturingLogHandler(records: records) })
        try await t.gateway.database.writer.write { try $0.execute(sql: "DROP TABLE fhirSearchIndex") }
        try await t.test { client in
            let bundle = FHIRSamples.bundle("transaction", [(nil, "POST", "Patient", FHIRSamples.patient(mrn: "MRN-LOG"))])
            let reply = try await client.fhir(t, .post, "/fhir", body: bundle)
            #expect(reply.status == .internalServerError)
        }
        let logged = records.all.filter { $0.message == "request failed with an internal error" }
        #expect(logged.count == 1, "\(logged)")
        #expect(logged.first?.metadata["pg.error"]?.description.contains("no such table: fhirSearchIndex") == true,
                "\(logged)")
    }
}

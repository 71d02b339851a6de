import Foundation
import GRDB
import HL7
import TestSupport

/// What the live HL7 tests read: ADT messages to send, ACKs as received, and the gateway's
/// store opened read-only beside the running server.
enum LiveHL7 {
    /// An ADT message in original mode (CR-terminated segments).
    static func adt(_ event: String, control: String, mrn: String, family: String = "Doe",
                    sender: String = "MIRTH", extraPID: String = "", segments: [String] = []) -> [UInt8] {
        let msh = "MSH|^~\\&|\(sender)|HOSP|PHOTOGATE|HOSP|20261120101500||ADT^\(event)^ADT_A01|\(control)|P|2.5.1"
        let pid = "PID|1||\(mrn)^^^HOSPITAL^MR||\(family)^Jane||19800102|F\(extraPID)"
        return Array(([msh, "EVN|\(event)|20261120101500", pid] + segments).joined(separator: "\r").utf8) + [0x0D]
    }

    /// The fields of an acknowledgment a sender looks at.
    struct Ack: CustomStringConvertible {
        let raw: [UInt8]
        let message: HL7Message?

        init(_ raw: [UInt8]) {
            self.raw = raw
            message = try? HL7Message(parsing: raw)
        }

        var code: String? { message?.value(at: "MSA-1") }
        var controlID: String? { message?.value(at: "MSA-2") }
        /// ERR-3.1 (v2.5+), or the condition in ERR-1.4 (before v2.5).
        var condition: String? { message?.value(at: "ERR-3.1") ?? message?.value(at: "ERR-1.4.1") }
        /// ERR-2 as written, e.g. `PID^1^3^1^1`; before v2.5, segment^sequence^field of ERR-1.
        var location: String? {
            guard let err = message?.segment("ERR") else { return nil }
            if !err.field(2).isEmpty { return err.field(2).raw }
            let legacy = (1...3).compactMap { message?.value(at: HL7Path(stringLiteral: "ERR-1.\($0)")) }
            return legacy.isEmpty ? nil : legacy.joined(separator: "^")
        }
        var messageType: String? { message?.value(at: "MSH-9.1") }
        var description: String { String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r", with: "⏎") }
    }

    /// Rows of `hl7Message` by control ID, read from the server's database file.
    struct StoredRow: Sendable {
        let controlId: String
        let status: String
        let ack: String
        let patientId: String?
    }

    static func storedMessages(dataDir: String) throws -> [StoredRow] {
        try readOnly(dataDir).read { db in
            try Row.fetchAll(db, sql: "SELECT controlId, status, ack, patientId FROM hl7Message").map {
                StoredRow(controlId: $0["controlId"], status: $0["status"], ack: $0["ack"], patientId: $0["patientId"])
            }
        }
    }

    /// How many audit records say each patient was created or updated: processing a message
    /// writes exactly one, so a message processed twice shows as 2.
    static func patientWrites(dataDir: String) throws -> [String: Int] {
        try readOnly(dataDir).read { db in
            var writes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT patientId, COUNT(*) AS n FROM audit
                WHERE action IN ('patient.create', 'patient.update') AND actor LIKE 'mllp:%' GROUP BY patientId
                """) {
                writes[row["patientId"] ?? ""] = row["n"]
            }
            return writes
        }
    }

    static func readOnly(_ dataDir: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: dataDir + "/photogate.sqlite", configuration: config)
    }
}

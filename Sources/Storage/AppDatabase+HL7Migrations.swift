import GRDB

extension AppDatabase {
    /// Tables of the HL7 v2 intake (registered after the core migrations; never edit a
    /// shipped one, add a new one).
    static func registerHL7Migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("hl7-v1-messages") { db in
            try db.create(table: "hl7Message") { t in
                t.primaryKey("id", .text)
                t.column("receivedAt", .datetime).notNull().indexed()
                t.column("peer", .text).notNull()
                // MSH-3 / MSH-4 / MSH-10: the duplicate key (HL7 v2.5.1 §2.10.2 — a sender never
                // reuses a control id, so a repeat is a retransmission).
                t.column("sendingApplication", .text).notNull()
                t.column("sendingFacility", .text).notNull()
                t.column("controlId", .text).notNull()
                t.column("messageType", .text)
                t.column("version", .text)
                t.column("raw", .blob).notNull()
                t.column("status", .text).notNull().indexed()   // processed | error | rejected
                t.column("ack", .text).notNull()
                t.column("appAck", .text)
                t.column("outcome", .text).notNull()             // what processing did, no PHI
                t.column("patientId", .text)
                t.column("processedAt", .datetime)
                t.column("reprocessCount", .integer).notNull().defaults(to: 0)
            }
            try db.execute(sql: """
                CREATE UNIQUE INDEX hl7Message_key ON hl7Message(sendingApplication, sendingFacility, controlId)
                WHERE controlId != ''
                """)
        }
    }
}

import GRDB

extension AppDatabase {
    /// Tables of the FHIR API (registered after the HL7 ones; never edit a shipped one, add a
    /// new one).
    ///
    /// - `fhirResource`: the current version of each FHIR resource (type + logical id), the
    ///   core record it maps to (patient or consent id) and whether it is deleted.
    /// - `fhirVersion`: every version as stored, the raw JSON with `meta.versionId` and
    ///   `meta.lastUpdated` filled in (unknown elements and extensions kept as received).
    /// - `fhirSearchIndex`: the search parameter values of the current version.
    /// - `fhirMessage` (fhir-v2): every FHIR message processed (`$process-message`), by its
    ///   Bundle id, with the response sent, so a repeated message gets the same response
    ///   and is not processed again.
    /// - `fhirIndexState` (fhir-v2): the version of the search index each resource type was
    ///   built with; the gateway rebuilds a type's index when its definition grew.
    static func registerFHIRMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("fhir-v1") { db in
            try db.create(table: "fhirResource") { t in
                t.column("type", .text).notNull()
                t.column("id", .text).notNull()
                t.column("versionId", .integer).notNull()
                t.column("lastUpdated", .datetime).notNull()
                t.column("deleted", .boolean).notNull().defaults(to: false)
                t.column("coreId", .text)
                t.primaryKey(["type", "id"])
            }
            try db.create(table: "fhirVersion") { t in
                t.column("type", .text).notNull()
                t.column("id", .text).notNull()
                t.column("versionId", .integer).notNull()
                t.column("lastUpdated", .datetime).notNull()
                t.column("deleted", .boolean).notNull().defaults(to: false)
                t.column("method", .text).notNull()                // POST | PUT | DELETE
                t.column("json", .text)                            // NULL for a delete
                t.primaryKey(["type", "id", "versionId"])
            }
            try db.create(table: "fhirSearchIndex") { t in
                t.column("type", .text).notNull()
                t.column("id", .text).notNull()
                t.column("param", .text).notNull()
                t.column("value", .text).notNull()
            }
            try db.create(index: "fhirSearchIndex_lookup", on: "fhirSearchIndex", columns: ["type", "param", "value"])
            try db.create(index: "fhirSearchIndex_resource", on: "fhirSearchIndex", columns: ["type", "id"])
        }
        migrator.registerMigration("fhir-v2") { db in
            try db.create(table: "fhirMessage") { t in
                t.primaryKey("bundleId", .text)
                t.column("receivedAt", .datetime).notNull()
                t.column("event", .text).notNull()
                t.column("responseCode", .text).notNull()          // ok | fatal-error (transient errors are not kept)
                t.column("response", .text).notNull()              // the response Bundle (JSON)
            }
            try db.create(table: "fhirIndexState") { t in
                t.primaryKey("type", .text)
                t.column("version", .integer).notNull()
            }
        }
    }
}

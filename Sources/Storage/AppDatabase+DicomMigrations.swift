import GRDB

extension AppDatabase {
    /// Tables of the DICOM exchange (registered after the FHIR migrations; never edit a
    /// shipped one, add a new one).
    static func registerDicomMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("dicom-v1") { db in
            // The query index of every asset's DICOM object (C-FIND, QIDO-RS): the attributes
            // of the current version, one row per asset.
            try db.create(table: "dicomInstance") { t in
                t.primaryKey("assetId", .text).references("asset", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("sopClassUID", .text).notNull()
                t.column("sopInstanceUID", .text).notNull().unique()
                t.column("transferSyntaxUID", .text).notNull()
                t.column("studyInstanceUID", .text).notNull().indexed()
                t.column("seriesInstanceUID", .text).notNull().indexed()
                t.column("patientID", .text).notNull().indexed()
                t.column("attributes", .text).notNull()            // JSON object: tag (8 hex digits) -> value
                t.column("size", .integer).notNull()
                t.column("source", .text).notNull()                // upload | dimse:<AE> | stow | fhir
                t.column("indexedAt", .datetime).notNull()
            }
            // Earlier versions of an object (a patient update rewrote it): kept for audit.
            try db.create(table: "dicomObjectVersion") { t in
                t.column("assetId", .text).notNull().indexed().references("asset", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("blob", .text).notNull()
                t.column("supersededAt", .datetime).notNull()
                t.column("reason", .text).notNull()
                t.primaryKey(["assetId", "version"])
            }
            // The forwarding outbox: one row per object version and destination.
            try db.create(table: "dicomForward") { t in
                t.primaryKey("id", .text)
                t.column("assetId", .text).notNull().indexed().references("asset", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("destination", .text).notNull()            // AE title of a configured peer
                t.column("status", .text).notNull()                 // pending | sent | failed
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("sentAt", .datetime)
                t.uniqueKey(["assetId", "version", "destination"])
            }
            try db.create(index: "dicomForward_due", on: "dicomForward", columns: ["nextAttemptAt"],
                          condition: Column("status") == "pending")
            try db.create(index: "dicomForward_status", on: "dicomForward", columns: ["status", "createdAt"])
            // Patients whose DICOM objects may no longer carry their current demographics.
            // Filled by triggers, so every path that changes a patient (HL7, FHIR, the JSON
            // API, merges) is covered without each remembering to ask.
            try db.create(table: "dicomPatientSync") { t in
                t.primaryKey("patientId", .text)
                t.column("requestedAt", .datetime).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER dicomSync_patient AFTER UPDATE OF family, given, birthDate, gender ON patient
                WHEN NEW.family IS NOT OLD.family OR NEW.given IS NOT OLD.given
                  OR NEW.birthDate IS NOT OLD.birthDate OR NEW.gender IS NOT OLD.gender
                BEGIN
                  INSERT OR REPLACE INTO dicomPatientSync (patientId, requestedAt) VALUES (NEW.id, CURRENT_TIMESTAMP);
                END;
                CREATE TRIGGER dicomSync_identifierAdded AFTER INSERT ON patientIdentifier
                BEGIN
                  INSERT OR REPLACE INTO dicomPatientSync (patientId, requestedAt) VALUES (NEW.patientId, CURRENT_TIMESTAMP);
                END;
                CREATE TRIGGER dicomSync_identifierRemoved AFTER DELETE ON patientIdentifier
                BEGIN
                  INSERT OR REPLACE INTO dicomPatientSync (patientId, requestedAt) VALUES (OLD.patientId, CURRENT_TIMESTAMP);
                END;
                CREATE TRIGGER dicomSync_assetMoved AFTER UPDATE OF patientId ON asset
                WHEN NEW.patientId IS NOT OLD.patientId
                BEGIN
                  INSERT OR REPLACE INTO dicomPatientSync (patientId, requestedAt) VALUES (NEW.patientId, CURRENT_TIMESTAMP);
                END;
                """)
            // Patients created from a received object that no EHR message has confirmed yet.
            try db.create(table: "patientFlag") { t in
                t.column("patientId", .text).notNull().references("patient", onDelete: .cascade)
                t.column("flag", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["patientId", "flag"])
            }
            // Any later change of the patient comes from the EHR side (HL7, FHIR, the JSON
            // API): it confirms the patient.
            try db.execute(sql: """
                CREATE TRIGGER patientFlag_confirmed AFTER UPDATE ON patient
                BEGIN
                  DELETE FROM patientFlag WHERE patientId = NEW.id AND flag = 'unverified';
                END;
                """)
        }
    }
}

import GRDB

extension AppDatabase {
    /// Migrations are registered by name and never edited once shipped: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.create(table: "patient") { t in
                t.primaryKey("id", .text)
                t.column("family", .text)
                t.column("given", .text).notNull()                 // JSON array
                t.column("birthDate", .text)
                t.column("gender", .text)
                t.column("deceased", .boolean).notNull().defaults(to: false)
                t.column("deceasedAt", .datetime)
                t.column("deceasedRecordedAt", .datetime)
                t.column("mergedInto", .text)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "patientIdentifier") { t in
                t.column("system", .text).notNull()
                t.column("value", .text).notNull()
                t.column("patientId", .text).notNull().indexed().references("patient", onDelete: .cascade)
                t.primaryKey(["system", "value"])
            }
            try db.create(table: "dataKey") { t in
                t.primaryKey("patientId", .text)
                t.column("wrapped", .blob)                         // NULL once destroyed (crypto-shredding)
                t.column("createdAt", .datetime).notNull()
                t.column("destroyedAt", .datetime)
            }
            try db.create(table: "asset") { t in
                t.primaryKey("id", .text)
                t.column("patientId", .text).notNull().indexed().references("patient")
                t.column("stream", .text).notNull()
                t.column("state", .text).notNull().indexed()
                t.column("bodySite", .text)
                t.column("laterality", .text)
                t.column("description", .text)
                t.column("capturedAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("releasedAt", .datetime)
                t.column("studyInstanceUID", .text).notNull()
                t.column("seriesInstanceUID", .text).notNull()
                t.column("sopInstanceUID", .text).notNull().unique()
                t.column("contentType", .text).notNull()
                t.column("tags", .text).notNull()                  // JSON array
                t.column("originalBlob", .text).notNull()
                t.column("dicomBlob", .text).notNull()
            }
            try db.create(table: "consent") { t in
                t.primaryKey("id", .text)
                t.column("patientId", .text).notNull().indexed().references("patient")
                t.column("status", .text).notNull()
                t.column("scopeAssets", .text)                     // JSON array; NULL = all assets
                t.column("channels", .text).notNull()              // JSON array
                t.column("periodStart", .datetime)
                t.column("periodEnd", .datetime)
                t.column("denies", .text).notNull()                // JSON array of DenyProvision
                t.column("withdrawnAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                // Expiry scheduling: due times and whether the event was raised (exactly once).
                t.column("expiringDueAt", .datetime)
                t.column("expiringRaisedAt", .datetime)
                t.column("expiredDueAt", .datetime)
                t.column("expiredRaisedAt", .datetime)
            }
            // Partial indexes: the scheduler reads only what is due and not yet raised.
            try db.execute(sql: """
                CREATE INDEX consent_expiring_due ON consent(expiringDueAt) WHERE expiringRaisedAt IS NULL AND expiringDueAt IS NOT NULL;
                CREATE INDEX consent_expired_due ON consent(expiredDueAt) WHERE expiredRaisedAt IS NULL AND expiredDueAt IS NOT NULL;
                """)
            try db.create(table: "usage") { t in
                t.primaryKey("id", .text)
                t.column("assetId", .text).notNull().indexed().references("asset")
                t.column("channel", .text).notNull()
                t.column("location", .text).notNull()
                t.column("publishedBy", .text).notNull()
                t.column("publishedAt", .datetime).notNull()
            }
            try db.create(table: "review") { t in
                t.primaryKey("id", .text)
                t.column("assetId", .text).notNull().indexed().references("asset")
                t.column("action", .text).notNull()
                t.column("note", .text).notNull()
                t.column("reviewer", .text).notNull()
                t.column("reviewedAt", .datetime).notNull()
            }
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("id", .text).notNull().unique()
                t.column("type", .text).notNull()
                t.column("occurredAt", .datetime).notNull()
                t.column("patientId", .text)
                t.column("assetId", .text)
                t.column("payload", .text).notNull()               // JSON object
            }
            try db.create(table: "webhookState") { t in
                t.primaryKey("name", .text)
                t.column("deliveredSeq", .integer).notNull()
                t.column("attempts", .integer).notNull()
                t.column("nextAttemptAt", .datetime)
                t.column("lastError", .text)
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("role", .text).notNull()
                t.column("action", .text).notNull()
                t.column("patientId", .text).indexed()
                t.column("assetId", .text).indexed()
                t.column("outcome", .text).notNull()
                t.column("detail", .text).notNull()                // JSON object
                t.column("prevHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.create(table: "token") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("role", .text).notNull()
                t.column("hash", .text).notNull().unique()          // SHA-256 of the token; the token itself is never stored
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
        // The death fan-out and per-patient listings filter on both columns; without this the
        // planner may walk asset_on_state (every active asset) to find one patient's photos.
        migrator.registerMigration("v2-asset-patient-state") { db in
            try db.create(index: "asset_on_patientId_state", on: "asset", columns: ["patientId", "state"])
        }
        // A merge (HL7 A40) moves assets to the surviving patient; their blobs stay sealed with
        // the data key they were written with, so the key owner is kept per asset.
        migrator.registerMigration("v3-asset-key-owner") { db in
            try db.alter(table: "asset") { t in t.add(column: "keyPatientId", .text) }
            try db.execute(sql: "UPDATE asset SET keyPatientId = patientId")
        }
        registerHL7Migrations(&migrator)
        registerFHIRMigrations(&migrator)
        registerDicomMigrations(&migrator)
        // One audit record may name many assets (the death fan-out); this index finds it by
        // any of them (AuditLog.append(_:_:assets:)).
        migrator.registerMigration("v4-audit-assets") { db in
            try db.execute(sql: """
                CREATE TABLE auditAsset (
                  assetId TEXT NOT NULL,
                  seq INTEGER NOT NULL REFERENCES audit(seq),
                  PRIMARY KEY (assetId, seq)
                ) WITHOUT ROWID
                """)
        }
        // Most audit records name no single asset (an HL7 message's, a login's…); their NULLs
        // filled the asset index, one more page written per commit. Lookups by asset (`=`,
        // `IN`) imply NOT NULL, so SQLite still uses the partial index for them.
        migrator.registerMigration("v5-audit-asset-index-partial") { db in
            try db.execute(sql: """
                DROP INDEX audit_on_assetId;
                CREATE INDEX audit_on_assetId ON audit(assetId) WHERE assetId IS NOT NULL;
                """)
        }
        return migrator
    }
}

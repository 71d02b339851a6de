import GRDB

extension Database {
    /// Runs `body` in a savepoint inside the current transaction: when it throws, its changes
    /// are rolled back and the error is rethrown; the rest of the transaction stays.
    ///
    /// GRDB's `inSavepoint` parses its `SAVEPOINT` / `RELEASE` statements on every call; every
    /// group-committed write and every HL7 message runs one or two, so these statements stay
    /// prepared (SQLite "SAVEPOINT": a name may be reused; each one is released innermost first).
    /// Run it inside GRDB's `inTransaction` (as `write` does): when SQLite aborts the whole
    /// transaction (SQLITE_FULL, SQLITE_IOERR…), GRDB then refuses every later statement instead
    /// of letting it run, and commit, on its own.
    public func withSavepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInsideTransaction else {
            var value: T?
            try inTransaction { value = try body(); return .commit }
            return value!
        }
        try cachedStatement(sql: "SAVEPOINT pg").execute()
        let value: T
        do {
            value = try body()
        } catch {
            // A statement error may already have ended the whole transaction (SQLite rolls back
            // on SQLITE_FULL, SQLITE_IOERR…): then there is no savepoint left to roll back to.
            if isInsideTransaction {
                try cachedStatement(sql: "ROLLBACK TO SAVEPOINT pg").execute()
                try cachedStatement(sql: "RELEASE SAVEPOINT pg").execute()
            }
            throw error
        }
        try cachedStatement(sql: "RELEASE SAVEPOINT pg").execute()
        return value
    }
}

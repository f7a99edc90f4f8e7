#if Postgres
import PostgresNIO

extension PostgresStore {
    /// Takes a file for this ingest unless it is stored or another live ingest has it. A claim whose owner's
    /// connection is gone (the process was killed) or whose heartbeat is older than ``claimTimeout`` is taken over.
    public func claim(_ contentHash: String) throws -> ClaimResult {
        try guarded {
            // Nearly always nobody else has the file: one cheap statement takes it.
            let fresh = try claimer.rows(
                """
                INSERT INTO ingest_claim (content_hash, owner, owner_pid, owner_started, heartbeat)
                SELECT \(contentHash), \(owner), \(claimerBackend.pid), \(claimerBackend.started), now()
                WHERE NOT EXISTS (SELECT 1 FROM report WHERE content_hash = \(contentHash))
                ON CONFLICT (content_hash) DO NOTHING
                RETURNING owner
                """
            )
            if !fresh.isEmpty { return .claimed }
            let taken = try claimer.rows(
                """
                INSERT INTO ingest_claim (content_hash, owner, owner_pid, owner_started, heartbeat)
                SELECT \(contentHash), \(owner), pg_backend_pid(),
                    (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()), now()
                WHERE NOT EXISTS (SELECT 1 FROM report WHERE content_hash = \(contentHash))
                ON CONFLICT (content_hash) DO UPDATE SET owner = excluded.owner, owner_pid = excluded.owner_pid,
                    owner_started = excluded.owner_started, heartbeat = now()
                WHERE ingest_claim.owner = excluded.owner
                   OR ingest_claim.heartbeat < now() - make_interval(secs => \(Double(claimTimeout)))
                   OR NOT EXISTS (
                       SELECT 1 FROM pg_stat_activity s WHERE s.pid = ingest_claim.owner_pid
                         AND (s.backend_start IS NULL OR s.backend_start = ingest_claim.owner_started))
                RETURNING owner
                """
            )
            if !taken.isEmpty { return .claimed }
            let stored = try claimer.rows("SELECT 1 FROM report WHERE content_hash = \(contentHash)")
            return stored.isEmpty ? .busy : .done
        }
    }

    /// Keeps this ingest's claims alive.
    public func renewClaims() throws {
        try guarded {
            try claimer.execute("UPDATE ingest_claim SET heartbeat = now() WHERE owner = \(owner)")
        }
    }

    /// Gives up the claims this ingest still holds, at the end of a run.
    public func releaseClaims() throws {
        try guarded {
            try claimer.execute("DELETE FROM ingest_claim WHERE owner = \(owner)")
        }
    }

    /// Deletes the claim on a file whose result is stored, in the transaction that stores it.
    func releaseClaim(_ contentHash: String, _ db: PostgresSession.Transaction) throws {
        try db.execute("DELETE FROM ingest_claim WHERE content_hash = \(contentHash)")
    }
}
#endif

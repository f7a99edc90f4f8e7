import GRDB
import Synchronization

/// The counts at the top of the 报告库 (reports, with errors, errors and warnings, year by year) that recent pages
/// asked for, under the corpus's change number (`corpus_change`, migration "v9 corpus change counter"): triggers on
/// reports, agencies, their aliases and regions add one to it in the very transaction that changes them, so counts
/// kept under the number a read sees are the counts of what that read sees. Paging through a large selection then
/// passes over its reports once, not once a page.
final class ListingCounts: Sendable {
    struct Year: Sendable {
        var year: Int
        var count: Int
        var withErrors: Int
        var errors: Int
        var warnings: Int
    }

    private struct Kept {
        var change: Int64
        var years: [Year]
    }

    private let kept = Mutex<[String: Kept]>([:])
    private let worked = Atomic<Int>(0)
    let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// How many times counts were worked out rather than taken from what is kept (for tests).
    var workedOut: Int { worked.load(ordering: .relaxed) }

    /// The counts for a listing's conditions, kept or worked out by `body`; `db` is the read they belong to. A corpus
    /// without the counter (opened read-only before migration v9) works them out every time.
    func years(_ key: String, _ db: Database, _ body: () throws -> [Year]) throws -> [Year] {
        guard try db.tableExists("corpus_change"),
            let change = try Int64.fetchOne(db, sql: "SELECT n FROM corpus_change WHERE id = 1")
        else {
            worked.add(1, ordering: .relaxed)
            return try body()
        }
        if let found = kept.withLock({ $0[key] }), found.change == change { return found.years }
        worked.add(1, ordering: .relaxed)
        let years = try body()
        kept.withLock { kept in
            if kept.count >= capacity { kept.removeAll() }
            kept[key] = Kept(change: change, years: years)
        }
        return years
    }
}

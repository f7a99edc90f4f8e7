import GongkaiCheck
import Synchronization

/// What one process remembers while it stores reports, for both stores: agency ids by normalised printed name, and
/// the cells the cross-year rules compare of reports it stored or read (a stored report never changes). Emptied when
/// a transaction that wrote them is rolled back or the agencies change.
final class IngestCaches: Sendable {
    private let agencies = Mutex<[String: Int64]>([:])
    private let sides = Mutex<[Int64: CrossYearRules.Side]>([:])
    /// Reports remembered before the cache starts again, so that a long ingest stays within bounds.
    static let sideLimit = 4096

    func agency(_ normalizedName: String) -> Int64? { agencies.withLock { $0[normalizedName] } }

    func remember(agency id: Int64, as normalizedName: String) { agencies.withLock { $0[normalizedName] = id } }

    func side(_ reportID: Int64) -> CrossYearRules.Side? { sides.withLock { $0[reportID] } }

    /// Keeps only the compared cells of the report.
    func remember(side: CrossYearRules.Side, of reportID: Int64) {
        var cells = side
        cells.figures = side.figures.filter { CrossYearRules.comparedFigures.contains($0.key) }
        sides.withLock { cache in
            if cache.count >= Self.sideLimit { cache.removeAll(keepingCapacity: true) }
            cache[reportID] = cells
        }
    }

    func forgetAgencies() { agencies.withLock { $0.removeAll() } }

    func forgetAll() {
        forgetAgencies()
        sides.withLock { $0.removeAll() }
    }
}

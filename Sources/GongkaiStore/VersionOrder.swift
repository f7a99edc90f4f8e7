/// The order of an agency's reports on one year, from the oldest version to the current one: whatever order their
/// files arrive in, the same files give the same version numbers and the same current report.
///
/// The later publication date ranks higher (a report without a date below every dated one); on equal dates, the
/// report with fewer errors (a corrected file re-published under the same date fixes what the checks found); then
/// the content hash, so that no two files tie.
struct VersionOrder: Comparable, Sendable {
    /// The SQL of a version no report has while versions are renumbered: the report's own id past a billion, so that
    /// no two reports moved out of the way meet, whatever their versions were (two agencies merged may both have
    /// version 1 of a year).
    static let outOfTheWay = "1000000000 + id"

    var id: Int64
    /// ISO 8601 (`2024-01-18`), or nil.
    var publicationDate: String?
    var errors: Int
    var contentHash: String

    static func < (lhs: VersionOrder, rhs: VersionOrder) -> Bool {
        if lhs.publicationDate != rhs.publicationDate {
            guard let left = lhs.publicationDate else { return true }
            guard let right = rhs.publicationDate else { return false }
            return left < right
        }
        if lhs.errors != rhs.errors { return lhs.errors > rhs.errors }
        return lhs.contentHash < rhs.contentHash
    }

    static func == (lhs: VersionOrder, rhs: VersionOrder) -> Bool {
        lhs.publicationDate == rhs.publicationDate && lhs.errors == rhs.errors && lhs.contentHash == rhs.contentHash
    }

    /// A stored report's version and status as the order gives them.
    struct Placement: Equatable, Sendable {
        var id: Int64
        var version: Int
        var current: Bool
    }

    /// Versions 1, 2, … in order; the last is current.
    static func placements(_ reports: [VersionOrder]) -> [Placement] {
        let sorted = reports.sorted()
        return sorted.enumerated().map { index, report in
            Placement(id: report.id, version: index + 1, current: index == sorted.count - 1)
        }
    }
}

/// A name variant set by hand (`gongkai agency alias`) that names an agency.
public struct AgencyAliasRecord: Codable, Hashable, Sendable {
    public var normalizedAlias: String
    public var alias: String
    public var agencyID: Int64
}

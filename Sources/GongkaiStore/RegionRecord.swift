/// One region of the region tree (a province, city, county or district), as imported from CSV.
public struct RegionRecord: Codable, Hashable, Sendable {
    /// The administrative division code or any unique code the user chose (`320800`).
    public var code: String
    public var name: String
    /// ``AgencyName/normalize(_:)`` of the name.
    public var normalizedName: String
    public var parentCode: String?
    /// As the CSV gives it: 省, 市, 县, 区, province, city, county…
    public var level: String
}

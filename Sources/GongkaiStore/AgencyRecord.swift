/// One issuing body, under one identity across years whatever variant of its name a report prints.
public struct AgencyRecord: Codable, Hashable, Sendable {
    public var id: Int64?
    /// The name as first printed or imported (「漳州市司法局」).
    public var name: String
    /// ``AgencyName/normalized``: unique.
    public var normalizedName: String
    /// ``AgencyName/core``: the name without its region prefix.
    public var coreName: String
    /// ``AgencyName/key``: the innermost region segment and the core, where candidates are looked up.
    public var nameKey: String
    /// The region segments, joined by 「/」.
    public var segments: String
    public var regionCode: String?
    public var level: String?
    public var parentID: Int64?
    /// True when the region tree lists the agency as one that must publish a report.
    public var listed: Bool
    public var createdAt: String
}

/// One part of a stored report, with its text.
public struct SectionRecord: Codable, Hashable, Sendable {
    public var reportID: Int64
    /// 1, 2, 3… in printed order.
    public var position: Int
    /// `overview`, `proactive`, … `extra` (``GongkaiModel/SectionKind``).
    public var kind: String
    public var printedNumber: Int?
    public var title: String
    public var text: String
    public var line: Int?
}

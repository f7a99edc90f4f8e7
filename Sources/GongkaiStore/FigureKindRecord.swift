/// One cell of a national format: the figure id of `Docs/figures.tsv` with its Chinese labels.
public struct FigureKindRecord: Codable, Hashable, Sendable {
    public var id: Int64?
    /// `t3.received.natural`.
    public var figure: String
    /// `2021` or `2019`.
    public var template: String
    /// 2, 3 or 4.
    public var tableNo: Int
    /// 「表三」.
    public var tableName: String
    /// The row label with its group (「（三）不予公开 1.属于国家秘密」).
    public var rowLabel: String
    public var columnLabel: String
    /// Order in the format: tables, rows, columns.
    public var position: Int
}

/// Why the corpus database cannot be used or a request cannot be carried out, as one sentence in Chinese and English.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not an SQLite database, or its pages are corrupt.
    case damaged(path: String)
    /// The file was written by a later version of Gongkai with migrations this one does not know.
    case newerSchema(path: String)
    case cannotOpen(path: String, detail: String)
    case agencyNotFound(String)
    case regionNotFound(String)
    case invalidRegionFile(line: Int, reason: String)

    public var description: String {
        switch self {
        case .damaged(let path):
            "\(path)：数据库文件已损坏或不是 Gongkai 数据库，请从备份恢复或用 --db 另选文件"
                + "（the database file is damaged or is not a Gongkai database）。"
        case .newerSchema(let path):
            "\(path)：数据库由更新版本的 Gongkai 建立，请升级后再用（the database was created by a newer Gongkai）。"
        case .cannotOpen(let path, let detail):
            "\(path)：无法打开数据库（cannot open the database）：\(detail)"
        case .agencyNotFound(let name):
            "未找到机关「\(name)」；可用 gongkai agency search 查找（no such agency）。"
        case .regionNotFound(let name):
            "未找到地区「\(name)」；请先用 gongkai agency import-regions 导入地区表（no such region）。"
        case .invalidRegionFile(let line, let reason):
            "地区表第\(line)行：\(reason)（invalid region file）。"
        }
    }
}

/// Why the corpus database cannot be used or a request cannot be carried out, as one sentence in Chinese and English.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not an SQLite database, or its pages are corrupt.
    case damaged(path: String)
    /// The file was written by a later version of Gongkai with migrations this one does not know.
    case newerSchema(path: String)
    /// The database was created by an earlier version of Gongkai and must be brought up to date before it is read.
    case olderSchema(path: String)
    /// No database at the path, and the command only reads.
    case notFound(path: String)
    /// The database can be read but not written (file permissions, a read-only PostgreSQL role).
    case readOnly(path: String)
    /// The connection to the database server was lost.
    case connectionLost(path: String)
    case cannotOpen(path: String, detail: String)
    case agencyNotFound(String)
    /// A rename to a name that is another agency's: `existing` is that agency's name.
    case agencyNameTaken(String, existing: String)
    /// A new agency's name that is empty or holds line breaks or other control characters.
    case agencyNameInvalid(String)
    case regionNotFound(String)
    case invalidRegionFile(line: Int, reason: String)
    /// A user added under a name another user has.
    case userExists(String)
    case userNotFound(String)
    /// A duty other than supervising granted without an agency.
    case dutyNeedsAgency(String)
    /// A calendar year added without `--replace` that Gongkai has built in.
    case calendarYearBuiltIn(Int)
    /// A calendar year added without `--replace` that the corpus has stored already.
    case calendarYearStored(Int)
    /// A register record that cannot be stored as it is (an empty number, a year or date out of range).
    case invalidRegisterRecord(String)
    /// A new register record under a number the agency's register has already.
    case registerRecordExists(String, version: Int)
    /// A change to a register record that is not (or no longer) there.
    case registerRecordNotFound(String)
    /// A change made to an earlier version of a register record than the one stored: somebody else saved it since.
    case registerConflict(String, stored: Int, expected: Int)

    public var description: String {
        switch self {
        case .damaged(let path):
            "\(path)：数据库文件已损坏或不是 Gongkai 数据库，请从备份恢复或用 --db 另选文件"
                + "。"
        case .newerSchema(let path):
            "\(path)：数据库由更新版本的 Gongkai 建立，请升级后再用。"
        case .olderSchema(let path):
            "\(path)：数据库由较早版本的 Gongkai 建立，请先用有写权限的 gongkai ingest（或其他写入命令）运行一次以升级"
                + "（the database needs upgrading: run gongkai ingest once with write access）。"
        case .notFound(let path):
            "\(path)：数据库不存在，请先用 gongkai ingest 导入报告（no corpus database here: run gongkai ingest first）。"
        case .readOnly(let path):
            "\(path)：数据库只读，无法写入；查询命令（show、export 等）仍可使用"
                + "（the database is read-only: this command needs write access）。"
        case .connectionLost(let path):
            "\(path)：与数据库服务器的连接中断，已提交的报告不受影响，服务器恢复后重新运行即可继续"
                + "。"
        case .cannotOpen(let path, let detail):
            "\(path)：无法打开数据库：\(detail)"
        case .agencyNotFound(let name):
            "未找到机关「\(name)」；可用 gongkai agency search 查找。"
        case .agencyNameTaken(let name, let existing):
            "「\(name)」已是另一个机关「\(existing)」的名称或别名；如果两者是同一机关，请用 gongkai agency alias 合并。"
        case .agencyNameInvalid(let name):
            "机关名称「\(name)」无效：名称不能为空，也不能含换行等控制字符。"
        case .regionNotFound(let name):
            "未找到地区「\(name)」；请先用 gongkai agency import-regions 导入地区表。"
        case .invalidRegionFile(let line, let reason):
            "地区表第\(line)行：\(reason)。"
        case .userExists(let name):
            "已有名为「\(name)」的用户；修改密码请用 gongkai user passwd。"
        case .userNotFound(let name):
            "没有名为「\(name)」的用户；已有的用户见 gongkai user list。"
        case .dutyNeedsAgency(let duty):
            "「\(duty)」须指定机关（--agency）；只有督办可以不指定机关，即督办所有机关。"
        case .calendarYearBuiltIn(let year):
            "\(year)年的节假日安排已内置于 Gongkai；如国务院办公厅另发通知调整，请加 --replace 以文件中的安排替换。"
        case .calendarYearStored(let year):
            "\(year)年的节假日安排已加入过；如要以文件中的安排替换，请加 --replace。"
        case .invalidRegisterRecord(let reason):
            "登记记录无法保存：\(reason)。"
        case .registerRecordExists(let key, _):
            "登记号「\(key)」已有记录；请换一个登记号，或打开原记录修改。"
        case .registerRecordNotFound(let key):
            "没有登记号为「\(key)」的记录（可能已被删除）。"
        case .registerConflict(let key, let stored, let expected):
            "登记号「\(key)」的记录在您打开（第\(expected)版）之后已被他人修改（现为第\(stored)版）；"
                + "您的修改未保存，请重新打开记录，核对后再改。"
        }
    }
}

import Foundation
import GongkaiLedger
import GongkaiRegister
import Testing

/// `gongkai register export`, `show` of a case and a document, and `remove`, through the real binary.
@Suite("register command line: export, show, remove")
struct RegisterExportCLITests {
    typealias Clerk = RegisterCLITests

    @Test(
        "export writes the ledger register import reads back; show finds cases and documents; remove keeps the log",
        arguments: CorpusDatabase.all
    )
    func exportShowRemove(_ database: CorpusDatabase) throws {
        let folder = try Clerk.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try database.make(folder)
        let agency = Clerk.agency
        let first = try Clerk.add("2025-03-03", type: "自然人", name: "赵一", db: db, extra: ["--create-agency"])
        try Clerk.ok(["step", first, "答复", "--agency", agency, "--on", "2025-03-20", "--outcome", "予以公开"], db: db)
        let second = try Clerk.add("2025-04-01", type: "商业企业", name: "钱二", db: db)
        try Clerk.ok(
            ["step", second, "补正告知", "--agency", agency, "--on", "2025-04-03", "--respond-by", "2025-04-18"],
            db: db
        )
        let third = try Clerk.add("2025-06-03", type: "科研机构", name: "孙三", db: db)
        try Clerk.ok(
            ["case", "add", "--agency", agency, "--kind", "行政复议", "--filed", "2025-05-06", "--application", first],
            db: db
        )
        try Clerk.ok(
            [
                "document", "add", "--agency", agency, "--kind", "规范性文件", "--number", "测司规〔2025〕1号", "--title",
                "测试规定", "--issued", "2025-02-01",
            ],
            db: db
        )

        let personal = folder.appendingPathComponent("ledger.xlsx").path
        let written = try Clerk.ok(
            ["export", "--agency", agency, "--year", "2025", "--out", personal, "--personal"],
            db: db
        )
        #expect(written.contains("申请 3 件，复议诉讼 1 件，规章和规范性文件 1 件（含申请人个人信息）"), "\(written)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: personal))
        let read = try LedgerImport.read(fileBytes: bytes, name: personal).get()
        #expect(read.map(\.id) == [first, second, third])
        #expect(read.map(\.applicant.name) == ["赵一", "钱二", "孙三"])
        #expect(read[0].reply?.outcome == .granted)
        // The ledger imports into another agency's register as the same applications.
        let imported = try Clerk.ok(["import", personal, "--agency", "另一机关", "--create-agency"], db: db)
        #expect(imported.contains("已导入 3 件申请"), "\(imported)")
        let again = try Clerk.register(["export", "--agency", agency, "--year", "2025", "--out", personal], db: db)
        #expect(again.status == 2 && again.stderr.contains("已存在"))
        let plain = folder.appendingPathComponent("plain.xlsx").path
        try Clerk.ok(["export", "--agency", agency, "--year", "2025", "--out", plain], db: db)
        let table = try LedgerTable.read(fileBytes: try Data(contentsOf: URL(fileURLWithPath: plain)), name: plain)
        #expect(!table.rows.flatMap(\.cells).contains("赵一"))
        #expect(table.rows.first?.cells.contains("申请人") == false)

        let shownCase = try Clerk.ok(["show", "2025-0001", "--agency", agency], db: db)
        #expect(shownCase.contains("政府信息公开申请 2025-0001"), "an application's number finds the application first")
        let caseKey = try Clerk.ok(["show", "测司规〔2025〕1号", "--agency", agency], db: db)
        #expect(caseKey.contains("行政规范性文件 测司规〔2025〕1号（第1版）"), "\(caseKey)")
        #expect(caseKey.contains("状态：现行有效") && caseKey.contains("新建（第1版）"), "\(caseKey)")

        // An application with steps is kept unless --force; one without goes, and its log remains.
        let refused = try Clerk.register(["remove", second, "--agency", agency, "--kind", "application"], db: db)
        #expect(refused.status == 1 && refused.stderr.contains("已有记录的步骤（补正告知）"), "\(refused.stderr)")
        let removed = try Clerk.ok(["remove", third, "--agency", agency, "--kind", "application"], db: db)
        #expect(removed.contains("已删除政府信息公开申请「\(third)」"), "\(removed)")
        let forced = try Clerk.ok(["remove", second, "--agency", agency, "--kind", "application", "--force"], db: db)
        #expect(forced.contains("已删除"))
        let gone = try Clerk.register(["show", third, "--agency", agency], db: db)
        #expect(gone.status == 1)
        let list = try Clerk.ok(["list", "--agency", agency], db: db)
        #expect(list.contains(first) && !list.contains(second) && !list.contains(third))
        let ambiguous = try Clerk.register(["remove", "2025-0001", "--agency", agency], db: db)
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains("请用 --kind 指明"), "\(ambiguous.stderr)")
    }
}

import Foundation
import GongkaiCheck
import GongkaiCorpus
import GongkaiModel
import GongkaiRegister
import GongkaiStore
import GongkaiWrite
import Hummingbird

/// The year-end report compiled from an agency's register (as `gongkai register compile` compiles it): a preview of
/// 表二, 表三 and 表四 as the report pages draw them with the checks' findings, the data file and the report in
/// Word; and the register as an Excel ledger that `gongkai register import` reads back.
extension WebApp {
    func addRegisterCompileRoutes(to router: Router<WebContext>) {
        router.get("/register/a/{agency}/compile") { request, context in
            try await compilePreview(try await registerDesk(context), request)
        }
        router.get("/register/a/{agency}/compile.yaml") { request, context in
            try await compiledFile(try await registerDesk(context), request, docx: false)
        }
        router.get("/register/a/{agency}/compile.docx") { request, context in
            try await compiledFile(try await registerDesk(context), request, docx: true)
        }
        router.get("/register/a/{agency}/export.xlsx") { request, context in
            try await registerExport(try await registerDesk(context), request, context: context)
        }
    }

    /// The year a compile or an export asks for (by default the year before today's: the report due in January).
    static func reportYear(_ request: Request, today: CalendarDate, fallback: Int) throws(WebError) -> Int {
        guard let text = FormFields(request.uri.query ?? "").text("year") else { return fallback }
        guard let year = Int(text), (2000...9999).contains(year) else {
            throw .badRequest("年度应为2000至9999之间的整数，收到的是「\(text)」。")
        }
        return year
    }

    /// The year's report compiled from the agency's register, read back from its data file as `gongkai check` reads
    /// it, and the checks' findings on it.
    func compiled(_ desk: RegisterDesk, year: Int) async throws -> (CompiledReport, AnnualReport, [Finding]) {
        let agencyID = desk.agencyID
        let name = desk.agency.name
        let calendar = desk.calendar
        let register = try await query { try $0.agencyRegister(agencyID: agencyID, name: name) }
        return try await BlockingWork.run {
            let compiled: CompiledReport
            do throws(CompileError) {
                compiled = try RegisterCompiler.compile(register, year: year, calendar: calendar)
            } catch {
                throw WebError(.unprocessableContent, error.description)
            }
            let report: AnnualReport
            do {
                report = try ReportDataFile.load(compiled.dataFile, name: "\(name)\(year).yaml")
            } catch {
                throw WebError(.internalServerError, "编制出的数据文件无法读回：\(error)")
            }
            return (compiled, report, ReportChecker.check(report))
        }
    }

    func compilePreview(_ desk: RegisterDesk, _ request: Request) async throws -> Response {
        let year = try Self.reportYear(request, today: desk.today, fallback: desk.today.year - 1)
        let (compiled, report, findings) = try await compiled(desk, year: year)
        func value(_ id: String) -> Int { report[FigureID(id)]?.integer ?? 0 }
        let list = FindingList(findings, source: report.source)
        let query = "year=\(year)"
        let content: HTML = """
            <h1>\(desk.agency.name) \(String(year))年度报告预览</h1>
            <p class="lead">按登记簿中的记录编制：表二、表三、表四的每个数字都由登记的申请、案件、文件和年度数量计算得出。\
            报告的文字部分（特别是第五部分）需在下载的数据文件中补写，再用 <code>gongkai check</code> 和 <code>gongkai render</code> 处理。</p>
            <div class="counts" role="status">
            <span>新收申请 <strong>\(value("t3.received.total"))</strong> 件</span>
            <span>上年结转 <strong>\(value("t3.carried_over.total"))</strong> 件</span>
            <span>办结 <strong>\(value("t3.total.total"))</strong> 件</span>
            <span>结转下年度 <strong>\(value("t3.carried_forward.total"))</strong> 件</span>
            <span>收费通知 <strong>\(compiled.fees.notices)</strong> 件</span>
            <span>逾期答复 <strong>\(compiled.lateReplies)</strong> 件</span>
            <span>检查结果：<strong>\(list.counts)</strong></span>
            </div>
            <ul class="downloads">
            <li><a href="\(desk.path)/compile.yaml?\(query)" download>下载数据文件（YAML）</a></li>
            <li><a href="\(desk.path)/compile.docx?\(query)" download>下载按全国统一格式排版的报告（Word）</a></li>
            <li><a href="\(desk.path)?\(query)">返回登记簿</a></li>
            </ul>
            <form class="filters" method="get" action="\(desk.path)/compile">
            <label>年度 <input type="number" name="year" value="\(String(year))" min="2021" max="9999"></label>
            <button type="submit">编制</button>
            </form>
            <h2>表格</h2>
            \(NationalTables.html(figures: report.figures, template: report.template, errorIDs: FindingList.errorIDs(findings)))\
            <h2 id="findings">检查结果</h2>
            \(list.html)
            """
        return Responses.page(Page(title: "\(year)年度报告预览", section: .register, content: content))
    }

    func compiledFile(_ desk: RegisterDesk, _ request: Request, docx: Bool) async throws -> Response {
        let year = try Self.reportYear(request, today: desk.today, fallback: desk.today.year - 1)
        let (compiled, report, _) = try await compiled(desk, year: year)
        if docx { return try await reportFile(report, as: .docx) }
        return Responses.download(
            compiled.dataFile,
            contentType: ReportFile.yaml.contentType,
            fileName: "register-\(desk.agencyID)-\(year).yaml",
            displayName: "\(desk.agency.name)\(year)年度-数据文件.yaml"
        )
    }

    /// The register of a year as an Excel ledger: the applications received in the year, the cases counted in it
    /// and the documents in force in it. The applicant's data only when asked (`personal=1`); that export is a line
    /// of the audit log.
    func registerExport(_ desk: RegisterDesk, _ request: Request, context: WebContext) async throws -> Response {
        let year = try Self.reportYear(request, today: desk.today, fallback: desk.today.year)
        let personal = FormFields(request.uri.query ?? "").text("personal") == "1"
        let agencyID = desk.agencyID
        let records = try await query { store in
            try Self.exportedRecords(store, agencyID: agencyID, year: year)
        }
        let data: Data
        do {
            data = try await BlockingWork.run { try RegisterWorkbook.render(records, personal: personal) }
        } catch {
            throw WebError(.internalServerError, "生成 Excel 文件失败：\(error)")
        }
        if personal {
            try await auditRegister(desk, "导出\(year)年登记簿（含申请人个人信息）", request, context: context)
        }
        return Responses.download(
            data,
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fileName: "register-\(agencyID)-\(year).xlsx",
            displayName: "\(desk.agency.name)\(year)年登记簿.xlsx"
        )
    }

    /// The records a year's ledger holds, as `gongkai register export` writes them too.
    static func exportedRecords(_ store: any ReportStore, agencyID: Int64, year: Int) throws -> [RegisterRecord] {
        try RegisterWorkbook.records(store, agencyID: agencyID, year: year)
    }
}

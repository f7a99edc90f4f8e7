import Foundation
import GongkaiCorpus
import GongkaiForm
import GongkaiIsolation
import GongkaiModel
import GongkaiOutput
import Hummingbird

/// 检查报告: a report uploaded (or its text pasted) is read in a worker process and checked; the page shows its
/// three tables with every cell marked and its findings at their place in the source. Nothing is stored in the
/// corpus; the result stays in memory for its downloads (``CheckResults``).
extension WebApp {
    enum DownloadFormat {
        case json
        case csv
    }

    /// A file as uploaded: its name (for messages and provenance) and its bytes.
    struct Upload {
        var name: String
        var bytes: Data
    }

    static let acceptedFiles = ".txt,.md,.html,.htm,.docx,.doc,.pdf,.yaml,.yml,.json"

    func checkForm(message: String? = nil) -> Response {
        let minutes = Int(options.resultLifetime / 60)
        let error: HTML = message.map { "<p class=\"error-box\" role=\"alert\">\($0)</p>\n" } ?? ""
        let content: HTML = """
            <h1>检查报告</h1>
            <p class="lead">上传一份政府信息公开工作年度报告——文本、Markdown、网页（HTML）、Word（.docx、.doc）或 PDF，\
            至多 \(WebOptions.uploadLimit / 1_048_576) MB——或粘贴报告全文。Gongkai 读出表二、表三、表四的每个数字，\
            按全国统一格式（2021 年或 2019 年格式）核对，指出每个问题及其在原文中的位置。\
            也可上传用 <code>gongkai new</code> 填写的数据文件（YAML、JSON）。</p>
            \(error)<form class="upload" method="post" action="/check" enctype="multipart/form-data">
            \(Visitor.current.csrfField)
            <label>报告文件 <input type="file" name="file" accept="\(Self.acceptedFiles)"></label>
            <label>或粘贴报告全文 <textarea name="text" rows="12" spellcheck="false"></textarea></label>
            <button type="submit">检查</button>
            </form>
            <p class="notice-box">上传的报告不存入报告库。检查结果只保存在服务器内存中 \(minutes) 分钟，供再次查看和下载数字，\
            之后即被丢弃。</p>

            """
        return Responses.page(Page(title: "检查报告", section: .check, content: content))
    }

    func check(_ request: Request, context: WebContext) async throws -> Response {
        let upload = try await Self.upload(request, context: context)
        let result = results.keep(try await read(upload))
        return Responses.page(resultPage(result, pageViews: await pageViews(result)))
    }

    func checkedAgain(_ token: String) async throws -> Response {
        guard CheckResults.isToken(token), let result = results.result(token) else { throw Self.expired }
        return Responses.page(resultPage(result, pageViews: await pageViews(result)))
    }

    func download(_ token: String, as format: DownloadFormat) throws -> Response {
        guard CheckResults.isToken(token), let result = results.result(token) else { throw Self.expired }
        let base = [result.report.agency, result.report.year.map { "\($0)年度" }].compactMap { $0 }.joined()
        let name = base.isEmpty ? "报告" : base
        switch format {
        case .json:
            return Responses.download(
                ReportJSON.object(result.report, findings: result.findings),
                contentType: "application/json; charset=utf-8",
                fileName: "figures.json",
                displayName: "\(name)-数字.json"
            )
        case .csv:
            return Responses.download(
                ReportCSV.document([result.report]),
                contentType: "text/csv; charset=utf-8",
                fileName: "figures.csv",
                displayName: "\(name)-数字.csv"
            )
        }
    }

    static let expired = WebError.notFound("此检查结果已过期或不存在（结果只在内存中保留一段时间），请重新上传报告。")

    /// Reads and checks an upload on the next free reader.
    func read(_ upload: Upload) async throws -> CheckResult {
        let request = ReadRequest(name: upload.name, bytes: upload.bytes, acceptsDataFiles: true)
        switch try await gate.read(request) {
        case .report(let report, let findings, let isDataFile):
            var result = CheckResult(fileName: upload.name, report: report, findings: findings, isDataFile: isDataFile)
            if report.source.format == .pdf { result.pdf = (upload.bytes, SHA256.hex(upload.bytes)) }
            return result
        case .failed(let failure):
            let status: HTTPResponse.Status = failure.kind == .unreadable ? .unprocessableContent : .internalServerError
            throw WebError(status, "无法读取「\(upload.name)」：\(failure.message)")
        }
    }

    /// The file of a form (`file`), or else its pasted text (`text`); a multipart form or, for text alone, an
    /// URL-encoded one.
    static func upload(_ request: Request, context: WebContext) async throws -> Upload {
        let body = try await Self.body(request, limit: context.maxUploadSize)
        let contentType = request.headers[.contentType] ?? ""
        var file: Upload?
        var text: String?
        if let boundary = MultipartForm.boundary(contentType: contentType) {
            let form = try MultipartForm.parsed(body, boundary: boundary)
            if let part = form.part("file"), !part.bytes.isEmpty {
                file = Upload(name: fileName(part.fileName), bytes: part.bytes)
            }
            text = form.text("text")
        } else if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            text = FormFields(String(decoding: body, as: UTF8.self))["text"]
        } else {
            throw WebError(.unsupportedMediaType, "请用网页上的表单上传文件或粘贴文本（multipart/form-data）。")
        }
        if let file {
            guard file.bytes.count <= WebOptions.uploadLimit else {
                throw WebError.tooLarge(limit: WebOptions.uploadLimit)
            }
            return file
        }
        if let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return Upload(name: "粘贴的文本.txt", bytes: Data(text.utf8))
        }
        throw WebError.badRequest("请选择一个报告文件，或粘贴报告全文。")
    }

    /// The request's body, refused (413) when it is longer than the limit — by its declared length before a byte
    /// is read, or as soon as more arrives.
    static func body(_ request: Request, limit: Int) async throws -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw WebError.tooLarge(limit: WebOptions.uploadLimit)
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw WebError.tooLarge(limit: WebOptions.uploadLimit)
        }
    }

    /// The name a browser sent, without folders or control characters, at most 120 characters.
    static func fileName(_ sent: String?) -> String {
        let last = (sent ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(
            String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
        )
        let trimmed = clean.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "上传的文件" : String(trimmed.prefix(120))
    }

    static func formatName(_ format: SourceFormat) -> String {
        switch format {
        case .text: "文本"
        case .markdown: "Markdown"
        case .html: "网页（HTML）"
        case .docx: "Word"
        case .pdf: "PDF"
        case .data: "数据文件"
        }
    }

    func resultPage(_ result: CheckResult, pageViews: [Int: HTML] = [:]) -> Page {
        let token = result.token
        let report = result.report
        let who = [report.agency, report.year.map { "\($0)年度" }].compactMap { $0 }.joined(separator: " ")
        let places = result.findings.map { SourceTableView.place($0, figures: report.figures) }
        let sourceTables = SourceTableView(source: report.source, places: places, figures: report.figures)
        var findings = FindingList(
            result.findings,
            source: report.source,
            sourceTables: sourceTables,
            figures: report.figures
        )
        findings.attach(pageViews)
        let errorIDs = FindingList.errorIDs(result.findings)
        let template: HTML =
            report.template.map { "\($0.rawValue)年格式（\($0.citation)）" } ?? "未能识别（按 2021 年格式显示）"
        let date: HTML = report.publicationDate.map { "<dt>发布日期</dt><dd>\($0.description)</dd>" } ?? ""
        let content: HTML = """
            <h1>检查结果：\(who.isEmpty ? "机关和年度未能识别" : who)</h1>
            <dl class="meta">
            <dt>文件</dt><dd>\(result.fileName)</dd>
            <dt>类型</dt><dd>\(Self.formatName(report.source.format))\(report.source.encoding.map { "，\($0)" } ?? "")</dd>
            <dt>格式</dt><dd>\(template)</dd>
            \(date)<dt>问题</dt><dd><strong>\(findings.counts)</strong></dd>
            </dl>
            <ul class="downloads">
            <li><a href="/check/\(token)/figures.json">下载数字和问题（JSON）</a></li>
            <li><a href="/check/\(token)/figures.csv">下载数字（CSV）</a></li>
            \(downloadLinks("/check/\(token)"))
            <li><a href="/check">检查另一份报告</a></li>
            </ul>
            <p class="notice-box">此报告未存入报告库。本页和下载链接在服务器内存中保留到 \(Self.clock(result.expires))。</p>
            <h2>表格</h2>
            \(NationalTables.html(figures: report.figures, template: report.template, errorIDs: errorIDs))
            <h2 id="findings">问题</h2>
            \(findings.html)\(sourceTables.html(figures: report.figures, errorIDs: errorIDs, findingPlaces: places))
            """
        return Page(title: "检查结果", section: .check, content: content)
    }

    /// 「14:05」 in China's time.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0) + "（北京时间）"
    }
}

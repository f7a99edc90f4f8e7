import Foundation
import GongkaiModel
import GongkaiStore
import GongkaiWrite
import Hummingbird

/// Downloads beyond JSON and CSV: a report's figures as the data file `gongkai new` writes (YAML), the report in the
/// national layout as Word and PDF — of a checked upload and of a stored report — and a stored report's source file
/// as it was ingested.
extension WebApp {
    /// What a report is written as.
    enum ReportFile: String, CaseIterable {
        case yaml
        case docx
        case pdf

        var path: String { self == .yaml ? "figures.yaml" : "report.\(rawValue)" }

        var contentType: String {
            switch self {
            case .yaml: "application/yaml; charset=utf-8"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .pdf: "application/pdf"
            }
        }

        /// The file's name after the report's: 「漳州市司法局2023年度-数据文件.yaml」.
        var suffix: String {
            switch self {
            case .yaml: "-数据文件.yaml"
            case .docx: "-年度报告.docx"
            case .pdf: "-年度报告.pdf"
            }
        }

        var linkText: String {
            switch self {
            case .yaml: "下载数据文件（YAML，可用 gongkai check、gongkai render 处理）"
            case .docx: "下载按全国统一格式排版的报告（Word）"
            case .pdf: "下载按全国统一格式排版的报告（PDF）"
            }
        }
    }

    func addDownloadRoutes(to router: Router<WebContext>) {
        for file in ReportFile.allCases {
            router.get(RouterPath("/check/{token}/\(file.path)")) { _, context in
                try await checkedFile(context.parameters.get("token") ?? "", as: file)
            }
            router.get(RouterPath("/reports/{id}/\(file.path)")) { _, context in
                try await storedFile(context.parameters.get("id") ?? "", as: file)
            }
        }
        router.get("/reports/{id}/source") { _, context in try await sourceFile(context.parameters.get("id") ?? "") }
    }

    /// The links to the data file, Word and PDF under a result's or a report's address.
    func downloadLinks(_ prefix: String) -> HTML {
        ReportFile.allCases.map { file -> HTML in "<li><a href=\"\(prefix)/\(file.path)\">\(file.linkText)</a></li>" }
            .joined()
    }

    func checkedFile(_ token: String, as file: ReportFile) async throws -> Response {
        guard CheckResults.isToken(token), let result = results.result(token) else { throw Self.expired }
        return try await reportFile(result.report, as: file)
    }

    func storedFile(_ idText: String, as file: ReportFile) async throws -> Response {
        let id = try Self.id(idText, of: "报告")
        guard let stored = try await query({ try $0.report(id: id) }) else {
            throw WebError.notFound("没有编号为 \(id) 的报告。")
        }
        return try await reportFile(stored.annualReport, as: file)
    }

    /// The report written as a file: the data file at once, Word off the concurrency pool, PDF by LibreOffice on
    /// the conversion gate within its time limit.
    func reportFile(_ report: AnnualReport, as file: ReportFile) async throws -> Response {
        let who = [report.agency, report.year.map { "\($0)年度" }].compactMap { $0 }.joined()
        let displayName = (who.isEmpty ? "报告" : who) + file.suffix
        let data: Data
        switch file {
        case .yaml:
            data = Data(ReportScaffold.yaml(filledFrom: report).utf8)
        case .docx:
            do {
                data = try await BlockingWork.run { try ReportDOCX.render(report) }
            } catch {
                throw WebError(.internalServerError, "生成 Word 文件失败：\(error)")
            }
        case .pdf:
            let timeLimit = Int(options.conversionTimeLimit)
            do {
                data = try await conversions.run { try ReportPDF.render(report, timeout: timeLimit) }
            } catch let error as ReportPDF.ConvertError {
                switch error {
                case .missingLibreOffice:
                    throw WebError(.serviceUnavailable, "服务器未安装 LibreOffice，暂时不能生成 PDF；请下载 Word 文件。")
                case .timedOut(let seconds):
                    throw WebError(.serviceUnavailable, "生成 PDF 超过 \(seconds) 秒仍未完成，已停止；请稍后再试，或下载 Word 文件。")
                case .failed:
                    throw WebError(.internalServerError, "生成 PDF 失败：\(error.description)")
                }
            }
        }
        return Responses.download(
            data,
            contentType: file.contentType,
            fileName: "report.\(file == .yaml ? "yaml" : file.rawValue)",
            displayName: displayName
        )
    }

    /// A stored report's source file, as ingested. It is only ever saved, never shown here: `attachment`, and a
    /// sandboxing policy of its own, so that a web page among the sources cannot run on this site.
    func sourceFile(_ idText: String) async throws -> Response {
        let id = try Self.id(idText, of: "报告")
        let found = try await query { store -> (ReportRecord, SourceFile?)? in
            guard let record = try store.report(id: id)?.record else { return nil }
            return (record, try store.sourceFile(reportID: id))
        }
        guard let (record, source) = found else { throw WebError.notFound("没有编号为 \(id) 的报告。") }
        guard let source else { throw WebError.notFound(Self.noSource) }
        let ext = Self.fileExtension(source.fileName) ?? record.sourceFormat
        var response = Responses.download(
            source.bytes,
            contentType: Self.contentType(extension: ext, format: record.sourceFormat, encoding: record.encoding),
            fileName: "report-\(id)" + (ext.isEmpty ? "" : ".\(ext)"),
            displayName: source.fileName
        )
        response.headers[.contentSecurityPolicy] = Self.sourcePolicy
        return response
    }

    static let sourcePolicy = "sandbox; default-src 'none'"

    static let noSource = "报告库没有保存此报告的原文件：它在报告库开始保存原文件之前入库，或入库时选择了不保存原文件。"

    /// A file name's extension when it is a short ASCII word (「pdf」, 「docx」), lower-cased.
    static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard (1...8).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return nil
        }
        return ext
    }

    /// The content type of a source file: by its extension, else by the format it was read as; text with the
    /// encoding it was read in, when that is a plain name.
    static func contentType(extension ext: String, format: String, encoding: String?) -> String {
        let charset = encoding.flatMap { name -> String? in
            let plain = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            return plain ? "; charset=\(name)" : nil
        }
        switch ext {
        case "pdf": return "application/pdf"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "doc": return "application/msword"
        case "htm", "html", "shtml", "xhtml": return "text/html" + (charset ?? "")
        case "md", "markdown": return "text/markdown" + (charset ?? "")
        case "txt", "text": return "text/plain" + (charset ?? "")
        default:
            guard ext != format else { return "application/octet-stream" }
            return contentType(extension: format, format: format, encoding: encoding)
        }
    }
}

extension WebApp {
    /// The report page's link to its source file, or why there is none.
    func sourceLink(_ stored: StoredReport) -> HTML {
        guard let source = stored.source, let id = stored.record.id else {
            return "<li class=\"no-source\">原文件未存入报告库（此报告在报告库开始保存原文件之前入库，或入库时选择了不保存）。</li>\n"
        }
        return """
            <li><a href="/reports/\(id)/source">下载原文件「\(source.fileName)」（\(Self.sizeText(source.size))）</a></li>

            """
    }

    /// A version's file on the agency page: its name, a link to the file when the corpus holds it.
    func sourceCell(_ stored: StoredReport) -> HTML {
        let name = Self.fileName(path: stored.record.sourcePath)
        guard stored.source != nil, let id = stored.record.id else {
            return "\(name)<br><span class=\"muted\">（未保存原文件）</span>"
        }
        return "<a href=\"/reports/\(id)/source\" download>\(name)</a>"
    }

    /// 「812 字节」, 「35.2 KB」, 「31.6 MB」.
    static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) 字节" }
        if bytes < 1_048_576 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
